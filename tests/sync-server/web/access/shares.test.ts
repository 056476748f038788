import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CloseCode } from '../../../../wire/close-codes.ts';
import { newMeetingId, signUp, startAccessHarness, type AccessHarness } from './access-harness.ts';

const test = suite('share links');
let h: AccessHarness;

test.before(async () => {
  h = await startAccessHarness();
});
test.after(async () => {
  await h.close();
});

async function ownedMeeting(): Promise<{ meetingId: string; session: string; accountId: string }> {
  const account = await signUp(h);
  const meetingId = newMeetingId();
  assert.is((await h.api('POST', '/api/tokens', { doc: `meeting/${meetingId}` }, account.session)).status, 200);
  return { meetingId, session: account.session, accountId: account.accountId };
}

test('the owner creates view and edit links whose tokens open the meeting with that role', async () => {
  const { meetingId, session } = await ownedMeeting();
  for (const role of ['view', 'edit'] as const) {
    const share = await h.api('POST', '/api/shares', { meetingId, role }, session);
    assert.is(share.status, 201);
    assert.type(share.json.shareId, 'string');
    assert.is(share.json.url, `/m/${meetingId}#${share.json.token}`);
    const decision = await h.gate.authorizeSocket(`meeting/${meetingId}`, share.json.token, Date.now());
    assert.ok(decision.ok);
    if (decision.ok) {
      assert.is(decision.grant.role, role);
      assert.ok(decision.grant.revocationKeys.includes(`share:${share.json.shareId}`));
    }
  }
});

test('a share token opens only its own meeting', async () => {
  const { meetingId, session } = await ownedMeeting();
  const share = await h.api('POST', '/api/shares', { meetingId, role: 'edit' }, session);
  const decision = await h.gate.authorizeSocket(`meeting/${newMeetingId()}`, share.json.token, Date.now());
  assert.equal(decision, { ok: false, code: CloseCode.forbidden, reason: 'token is for another document' });
});

test('share URLs are absolute when a public URL is configured', async () => {
  const hosted = await startAccessHarness({ publicUrl: 'https://relay.example/' });
  try {
    const account = await signUp(hosted);
    const meetingId = newMeetingId();
    await hosted.api('POST', '/api/tokens', { doc: `meeting/${meetingId}` }, account.session);
    const share = await hosted.api('POST', '/api/shares', { meetingId, role: 'view' }, account.session);
    assert.is(share.json.url, `https://relay.example/m/${meetingId}#${share.json.token}`);
  } finally {
    await hosted.close();
  }
});

test('only the owner can share; an unsynced meeting is 404; bad input is 400', async () => {
  const { meetingId } = await ownedMeeting();
  const stranger = await signUp(h);
  const notOwner = await h.api('POST', '/api/shares', { meetingId, role: 'view' }, stranger.session);
  assert.is(notOwner.status, 403);
  assert.is((await h.api('GET', `/api/shares?meetingId=${meetingId}`, undefined, stranger.session)).status, 403);
  assert.is((await h.api('POST', '/api/shares', { meetingId: newMeetingId(), role: 'view' }, stranger.session)).status, 404);
  const badRole = await h.api('POST', '/api/shares', { meetingId, role: 'owner' }, stranger.session);
  assert.is(badRole.status, 400);
  assert.is(badRole.json.error.code, 'invalid_role');
  assert.is((await h.api('POST', '/api/shares', { meetingId: 'x', role: 'view' }, stranger.session)).json.error.code, 'invalid_document');
});

test('revoking a link emits its key, refuses its token and shows it inactive in the listing', async () => {
  const { meetingId, session } = await ownedMeeting();
  const kept = await h.api('POST', '/api/shares', { meetingId, role: 'view' }, session);
  const revoked = await h.api('POST', '/api/shares', { meetingId, role: 'edit' }, session);
  const stranger = await signUp(h);
  assert.is((await h.api('DELETE', `/api/shares/${revoked.json.shareId}`, undefined, stranger.session)).status, 404);
  assert.is((await h.api('DELETE', `/api/shares/${revoked.json.shareId}`, undefined, session)).status, 204);
  assert.ok(h.revoked.includes(`share:${revoked.json.shareId}`));
  assert.is((await h.api('DELETE', `/api/shares/${revoked.json.shareId}`, undefined, session)).status, 204, 'idempotent');
  assert.equal(await h.gate.authorizeSocket(`meeting/${meetingId}`, revoked.json.token, Date.now()), {
    ok: false,
    code: CloseCode.unauthenticated,
    reason: 'revoked token: the share link was revoked',
  });
  assert.ok((await h.gate.authorizeSocket(`meeting/${meetingId}`, kept.json.token, Date.now())).ok, 'other links keep working');

  const list = await h.api('GET', `/api/shares?meetingId=${meetingId}`, undefined, session);
  assert.is(list.status, 200);
  const byId = new Map(list.json.shares.map((s: { shareId: string }) => [s.shareId, s]));
  assert.equal(byId.get(kept.json.shareId), {
    shareId: kept.json.shareId,
    meetingId,
    role: 'view',
    label: null,
    createdAt: (byId.get(kept.json.shareId) as { createdAt: number }).createdAt,
    expiresAt: kept.json.exp,
    revokedAt: null,
    active: true,
    token: kept.json.token,
    url: kept.json.url,
  });
  const gone = byId.get(revoked.json.shareId) as { active: boolean; token: string | null; revokedAt: number | null };
  assert.is(gone.active, false);
  assert.is(gone.token, null);
  assert.type(gone.revokedAt, 'number');
});

test.run();
