// What the UI shows about a document's sync: 'local' when sync is off or nobody is signed in
// (a complete, normal state, not an error), then the relay connection's progress, and the two
// ways it can stop for good: 'full' (the document reached the relay's size cap) and 'refused'
// (any other final refusal). Changes stay on the device in every state.
import { CloseCode } from '../../wire/close-codes.ts';

export const SYNC_STATUSES = ['local', 'offline', 'connecting', 'syncing', 'synced', 'full', 'refused'] as const;

export type SyncStatus = (typeof SYNC_STATUSES)[number];

/** The status a final close (other than 4401, which a fresh token cures) leaves a document in. */
export function refusedStatus(code: number): 'full' | 'refused' {
  return code === CloseCode.documentFull ? 'full' : 'refused';
}
