// Which meeting is running on this device. The side panel sets it when a meeting starts; the
// background (alarms, badge, commands), the popup and the overlay follow it.
import { readKey, watchKey, writeKey } from './storage-area.ts';

const ACTIVE_KEY = 'activeMeeting' as const;

export async function getActiveMeeting(): Promise<string | null> {
  return (await readKey<string>(ACTIVE_KEY)) ?? null;
}

export function setActiveMeeting(meetingId: string | null): Promise<void> {
  return writeKey(ACTIVE_KEY, meetingId ?? undefined);
}

export function onActiveMeetingChanged(cb: (meetingId: string | null) => void): () => void {
  return watchKey(ACTIVE_KEY, (value) => cb(typeof value === 'string' ? value : null));
}
