// The room / IndexedDB names of the two document kinds; the relay validates the same shape.
import type { MeetingId, SpaceId } from './ids.ts';

export const DOC_KIND = { library: 'library', meeting: 'meeting' } as const;

export function libraryDocName(spaceId: SpaceId): string {
  return `${DOC_KIND.library}/${spaceId}`;
}

export function meetingDocName(meetingId: MeetingId): string {
  return `${DOC_KIND.meeting}/${meetingId}`;
}
