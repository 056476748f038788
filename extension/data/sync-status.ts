// What the UI shows about a document's sync: 'local' when sync is off or nobody is signed in
// (a complete, normal state, not an error), then the relay connection's progress.
export const SYNC_STATUSES = ['local', 'offline', 'connecting', 'syncing', 'synced'] as const;

export type SyncStatus = (typeof SYNC_STATUSES)[number];
