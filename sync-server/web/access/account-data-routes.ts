// What an account holds, for its owner: the meetings it owns (with their titles, read from the
// stored documents) and the export of all its data as a zip. Both read and decode every owned
// document, so both are rate-limited per account and yield to the event loop between documents.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AccessContext } from './access-context.ts';
import { exportAccount } from './account-export.ts';
import { enforce } from './enforce-limits.ts';
import type { ApiHandler } from './api-http.ts';
import { authenticate } from './session-auth.ts';
import { loadStoredDoc, meetingTitle } from './stored-documents.ts';

const ZIP_TYPE = 'application/zip' as const;

export function accountDataRoutes(ctx: AccessContext) {
  const listMeetings: ApiHandler = async (request) => {
    const { account } = await authenticate(ctx, request);
    enforce(request, [[ctx.limiters.listMeetingsPerAccount, account.account_id]]);
    const meetings = [];
    for (const row of await ctx.records.meetingsOf(account.account_id)) {
      const stored = await loadStoredDoc(ctx.store, `meeting/${row.meeting_id}`);
      // A claimed meeting with nothing stored yet has no title to show.
      const title = stored === null ? null : meetingTitle(stored.doc, request.now);
      stored?.doc.destroy();
      meetings.push({ meetingId: row.meeting_id, title, claimedAt: row.claimed_at });
      await nextTurn();
    }
    return { status: 200, body: { meetings } };
  };

  const exportData: ApiHandler = async (request) => {
    const { account } = await authenticate(ctx, request);
    enforce(request, [[ctx.limiters.exportPerAccount, account.account_id]]);
    const bytes = await exportAccount(ctx, account, request.now);
    const day = new Date(request.now).toISOString().slice(0, 10);
    ctx.logger.info({ accountId: account.account_id, bytes: bytes.byteLength }, 'account exported');
    return { status: 200, file: { bytes, contentType: ZIP_TYPE, fileName: `leavethemeeting-export-${day}.zip` } };
  };

  return { listMeetings, exportData };
}
