// Which meeting the idle popup offers to start: of those not yet started, the soonest scheduled
// one; without any scheduled, the one made last (most likely the one just prepared).
import type { MeetingIndexEntry } from '../../crdt/index.ts';

function order(a: MeetingIndexEntry, b: MeetingIndexEntry): number {
  if (a.scheduledFor !== null && b.scheduledFor !== null) return a.scheduledFor - b.scheduledFor || (a.id < b.id ? -1 : 1);
  if (a.scheduledFor !== null) return -1;
  if (b.scheduledFor !== null) return 1;
  return b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1);
}

export function nextMeeting(meetings: readonly MeetingIndexEntry[]): MeetingIndexEntry | null {
  return meetings.filter((m) => m.status === 'planned').toSorted(order)[0] ?? null;
}
