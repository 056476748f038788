// Document tokens and share links. An account gets owner tokens for its own library and for the
// meetings it owns; the first account to ask for an unowned meeting becomes its owner. Only the
// owner can create (at most sharesPerAccount per window), list and revoke a meeting's share
// links. A deleted meeting (meeting-deletion.ts) is never claimed again.
import { ID_PATTERN, parseDocName } from '../../../wire/doc-name.ts';
import type { AccessConfig } from './access-config.ts';
import type { AccessContext } from './access-context.ts';
import { ApiError, ApiErrorCode } from './access-errors.ts';
import { RevocationKey, randomId, type AccountId, type ShareId } from './access-ids.ts';
import type { ShareRow } from './access-records.ts';
import { readJsonObject, type ApiHandler } from './api-http.ts';
import { optionalShareLabel, requireShareRole, requireString } from './api-validation.ts';
import { meetingDeletedError } from './meeting-deletion.ts';
import { authenticate } from './session-auth.ts';
import { enforce } from './enforce-limits.ts';

export function documentRoutes(ctx: AccessContext) {
  const { records, config, codec } = ctx;

  const shareToken = (share: ShareRow): string =>
    codec.sign({ v: 1, doc: `meeting/${share.meeting_id}`, role: share.role, exp: share.expires_at, shr: share.share_id });

  const requireOwnedMeeting = async (meetingId: string, account: AccountId): Promise<void> => {
    const owner = await records.ownerOf(meetingId);
    if (owner === null) {
      throw new ApiError(404, ApiErrorCode.notFound, 'This meeting is not on the relay yet; sync it once before sharing.');
    }
    if (owner !== account) throw new ApiError(403, ApiErrorCode.forbidden, 'Only the owner of this meeting can manage its share links.');
  };

  const issueToken: ApiHandler = async (request) => {
    const { account, session } = await authenticate(ctx, request);
    const doc = parseDocName(requireString(readJsonObject(request, config.maxBodyBytes), 'doc'));
    if (doc === null) {
      throw new ApiError(400, ApiErrorCode.invalidDocument, 'The document name must be library/<id> or meeting/<id>.');
    }
    const accountId = account.account_id;
    if (doc.kind === 'library' && doc.id !== accountId) {
      throw new ApiError(403, ApiErrorCode.forbidden, 'A library is reachable only by its own account.');
    }
    if (doc.kind === 'meeting') {
      // One transaction decides: the tombstone, the cap and the owner are read inside the claim.
      const claim = await records.claimMeeting(doc.id, accountId, request.now, config.maxMeetingsPerAccount);
      if (claim.kind === 'deleted') throw meetingDeletedError();
      if (claim.kind === 'limit') {
        throw new ApiError(403, ApiErrorCode.meetingLimit, `This account already owns ${config.maxMeetingsPerAccount} meetings, the most one account may keep on this relay.`);
      }
      if (claim.owner !== accountId) {
        throw new ApiError(403, ApiErrorCode.forbidden, 'This meeting belongs to another account; ask its owner for a share link.');
      }
    }
    const exp = Math.min(request.now + config.accountTokenTtlMs, session.expires_at);
    const token = codec.sign({ v: 1, doc: doc.name, role: 'owner', exp, acc: accountId, sid: session.session_id });
    return { status: 200, body: { token, role: 'owner', exp } };
  };

  const createShare: ApiHandler = async (request) => {
    const { account } = await authenticate(ctx, request);
    const body = readJsonObject(request, config.maxBodyBytes);
    const meetingId = requireMeetingId(requireString(body, 'meetingId'));
    const role = requireShareRole(body.role);
    const label = optionalShareLabel(body.label);
    await requireOwnedMeeting(meetingId, account.account_id);
    // Each link is a row kept until it expires, so a session must not be able to add them at will.
    enforce(request, [[ctx.limiters.sharesPerAccount, account.account_id]]);
    const share = {
      share_id: randomId<ShareId>(),
      meeting_id: meetingId,
      account_id: account.account_id,
      role,
      created_at: request.now,
      expires_at: request.now + config.shareTokenTtlMs,
      revoked_at: null,
      label,
    };
    await records.insertShare(share);
    const token = shareToken(share);
    return { status: 201, body: { shareId: share.share_id, token, url: shareUrl(config, meetingId, token), role, label, exp: share.expires_at } };
  };

  const listShares: ApiHandler = async (request) => {
    const { account } = await authenticate(ctx, request);
    // Without ?meetingId=, every share link of every meeting the account owns.
    const meetingId = request.query.get('meetingId');
    if (meetingId !== null) await requireOwnedMeeting(requireMeetingId(meetingId), account.account_id);
    const rows = meetingId === null ? await records.sharesOfAccount(account.account_id) : await records.sharesOf(meetingId);
    const shares = rows.map((share) => {
      const active = share.revoked_at === null && share.expires_at > request.now;
      // Signing is deterministic, so an active link can be shown again without storing it.
      const token = active ? shareToken(share) : null;
      return {
        shareId: share.share_id,
        meetingId: share.meeting_id,
        role: share.role,
        label: share.label,
        createdAt: share.created_at,
        expiresAt: share.expires_at,
        revokedAt: share.revoked_at,
        active,
        token,
        url: token === null ? null : shareUrl(config, share.meeting_id, token),
      };
    });
    return { status: 200, body: { shares } };
  };

  const revokeShare: ApiHandler = async (request) => {
    const { account } = await authenticate(ctx, request);
    const share = await records.shareById(request.params[0] ?? '');
    if (share === null || (await records.ownerOf(share.meeting_id)) !== account.account_id) {
      throw new ApiError(404, ApiErrorCode.notFound, 'No such share link on your meetings.');
    }
    if (share.revoked_at === null) {
      await records.revokeShare(share.share_id, request.now);
      await ctx.revoke(RevocationKey.share(share.share_id));
    }
    return { status: 204 };
  };

  return { issueToken, createShare, listShares, revokeShare };
}

function requireMeetingId(raw: string): string {
  if (!ID_PATTERN.test(raw)) throw new ApiError(400, ApiErrorCode.invalidDocument, 'meetingId must be a meeting id (16 to 64 URL-safe characters).');
  return raw;
}

/** The live viewer's link; the token rides in the fragment so it never reaches a server log. */
export function shareUrl(config: AccessConfig, meetingId: string, token: string): string {
  const path = `/m/${meetingId}#${token}`;
  return config.publicUrl === null ? path : `${config.publicUrl.replace(/\/+$/, '')}${path}`;
}
