// What the relay and its checkpoint thread say to each other (wal-checkpointer.ts,
// wal-checkpoint-worker.ts).

export interface CheckpointWorkerData {
  readonly file: string;
  readonly backstopMs: number;
}

/** 'checkpoint' asks for a PASSIVE checkpoint now; 'close' closes the connection and ends the thread. */
export type CheckpointRequest = 'checkpoint' | 'close';

/** The row PRAGMA wal_checkpoint answers with (busy is 0 or 1; the others count WAL frames). */
export interface CheckpointRow {
  readonly busy: number;
  readonly log: number;
  readonly checkpointed: number;
}

/** One PASSIVE checkpoint's outcome, as PRAGMA wal_checkpoint gives it (frames of the WAL). */
export interface CheckpointReport {
  readonly busy: boolean;
  readonly log: number;
  readonly checkpointed: number;
  readonly ms: number;
}
