// `DELETE /api/meetings/<id>`: the owner deletes a meeting for good, as account deletion deletes
// all of an account's documents. One transaction deletes its share links and its ownership (so it
// no longer counts toward the meeting cap), leaves a tombstone and records the document as a
// pending deletion; then its sockets are closed on every node (4401, as for a deleted account),
// its rooms retired, and its stored updates deleted. A crash after the commit leaves the pending
// record, which the next start finishes (pending-deletions.ts).
//
// The tombstone answers every later token request (and this route) with 410 Gone, code
// `meeting_deleted`, and every socket with 4401: 410 rather than 404 because the id did exist and
// never will again, and rather than 403 because no account, the former owner included, may
// open it. Without it, a stale device that still holds the document would claim it afresh and
// upload it again at its next sync.
import { ID_PATTERN } from '../../../wire/doc-name.ts';
import type { AccessContext } from './access-context.ts';
import { ApiError, ApiErrorCode } from './access-errors.ts';
import { RevocationKey } from './access-ids.ts';
import type { ApiHandler } from './api-http.ts';
import { runPendingDeletions } from './pending-deletions.ts';
import { authenticate } from './session-auth.ts';

const GONE = 410;

export function meetingDeletedError(): ApiError {
  return new ApiError(GONE, ApiErrorCode.meetingDeleted, 'This meeting was deleted for good by its owner.');
}

export function meetingDeletionRoute(ctx: AccessContext): ApiHandler {
  return async (request) => {
    const { account } = await authenticate(ctx, request);
    const meetingId = request.params[0] ?? '';
    if (!ID_PATTERN.test(meetingId)) throw new ApiError(400, ApiErrorCode.invalidDocument, 'The meeting id must be 16 to 64 URL-safe characters.');
    // The transaction reads the tombstone and the owner itself, so its answer is never stale.
    const deletion = await ctx.records.deleteMeeting(meetingId, account.account_id, request.now);
    if (deletion.kind === 'gone') throw meetingDeletedError();
    if (deletion.kind === 'absent') throw new ApiError(404, ApiErrorCode.notFound, 'This meeting is not on the relay.');
    if (deletion.kind === 'forbidden') throw new ApiError(403, ApiErrorCode.forbidden, 'Only the owner of this meeting can delete it.');
    const { shares } = deletion;
    const doc = `meeting/${meetingId}`;
    await ctx.revoke(RevocationKey.meeting(meetingId), ...shares.map((id) => RevocationKey.share(id)));
    await ctx.evict([doc]);
    const stillPending = await runPendingDeletions(ctx);
    ctx.logger.info({ accountId: account.account_id, meetingId, shares: shares.length, stillPending }, 'meeting deleted');
    return { status: 204 };
  };
}
