// Documents of deleted accounts and deleted meetings are first recorded in
// pending_document_deletions (in the same transaction that removes the account's or the meeting's
// rows), then deleted from the store. A crash or a store
// failure in between leaves the record, and the next run finishes the job.
import type { AccessContext } from './access-context.ts';

/** Deletes every pending document; returns how many are still pending after failures. */
export async function runPendingDeletions(ctx: AccessContext): Promise<number> {
  let failed = 0;
  for (const doc of await ctx.records.pendingDeletions()) {
    try {
      await ctx.store.delete(doc);
      await ctx.records.donePendingDeletion(doc);
    } catch (error) {
      failed += 1;
      ctx.logger.error({ err: error, doc }, 'deleting a deleted document failed; will retry at next start');
    }
  }
  return failed;
}
