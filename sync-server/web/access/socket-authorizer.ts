// Decides whether a websocket may open a document: a well-formed name, a token the relay signed
// for exactly that document, not expired, and whose share, session and account still exist (a
// share's account still owning its meeting), for a meeting that was not deleted. Every grant of
// a meeting holds its `meeting:` key, so deleting the meeting closes its sockets whatever token
// opened them.
// Asynchronous (the records may live in PostgreSQL): a revocation that fires while this is pending
// is caught by the transport, which refuses the socket when its grant holds the revoked key.
import { CloseCode, type CloseCodeValue } from '../../../wire/close-codes.ts';
import { parseDocName } from '../../../wire/doc-name.ts';
import type { AccessContext } from './access-context.ts';
import type { SocketDecision } from '../../relay/access-gate.ts';
import { SocketRefusal, type SocketRefusalReason } from '../../../wire/socket-refusals.ts';
import { RevocationKey } from './access-ids.ts';
import type { TokenPayload } from './token-codec.ts';

const TOKEN_REFUSALS = {
  malformed: SocketRefusal.malformedToken,
  forged: SocketRefusal.forgedToken,
  expired: SocketRefusal.expiredToken,
} as const;

export async function authorizeSocket(ctx: AccessContext, doc: string, token: string | null, now: number): Promise<SocketDecision> {
  const name = parseDocName(doc);
  if (name === null) return refuse(CloseCode.badRequest, SocketRefusal.malformedDocName);
  if (token === null || token === '') return refuse(CloseCode.unauthenticated, SocketRefusal.missingToken);
  const check = ctx.codec.verify(token, now);
  if (!check.ok) return refuse(CloseCode.unauthenticated, TOKEN_REFUSALS[check.refusal]);
  if (check.payload.doc !== doc) return refuse(CloseCode.forbidden, SocketRefusal.wrongDocument);
  const meetingId = name.kind === 'meeting' ? name.id : null;
  if (meetingId !== null && (await ctx.records.meetingDeletedAt(meetingId)) !== null) return refuse(CloseCode.unauthenticated, SocketRefusal.meetingDeleted);
  const decision = await grantFor(ctx, check.payload);
  if (!decision.ok || meetingId === null) return decision;
  return { ok: true, grant: { ...decision.grant, revocationKeys: [...decision.grant.revocationKeys, RevocationKey.meeting(meetingId)] } };
}

async function grantFor(ctx: AccessContext, payload: TokenPayload): Promise<SocketDecision> {
  const { doc, role } = payload;
  if ('shr' in payload) {
    const share = await ctx.records.shareById(payload.shr);
    if (share === null || share.revoked_at !== null) return refuse(CloseCode.unauthenticated, SocketRefusal.shareRevoked);
    // A link counts only while its account owns the meeting: on PostgreSQL a link created while
    // another node deleted the account or the meeting is stored after their rows are gone.
    if ((await ctx.records.ownerOf(share.meeting_id)) !== share.account_id) return refuse(CloseCode.unauthenticated, SocketRefusal.shareRevoked);
    // The owner's account key is held too, so deleting the account closes its viewers.
    const revocationKeys = [RevocationKey.share(share.share_id), RevocationKey.account(share.account_id)];
    return { ok: true, grant: { doc, role, revocationKeys } };
  }
  if ((await ctx.records.accountById(payload.acc)) === null) return refuse(CloseCode.unauthenticated, SocketRefusal.accountDeleted);
  const session = await ctx.records.sessionById(payload.sid);
  if (session === null || session.account_id !== payload.acc) {
    return refuse(CloseCode.unauthenticated, SocketRefusal.sessionRevoked);
  }
  const revocationKeys = [RevocationKey.session(payload.sid), RevocationKey.account(payload.acc)];
  return { ok: true, grant: { doc, role, revocationKeys } };
}

function refuse(code: CloseCodeValue, reason: SocketRefusalReason): SocketDecision {
  return { ok: false, code, reason };
}
