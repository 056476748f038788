import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CloseCode } from '../../../../wire/close-codes.ts';
import { newMeetingId, signUp, startAccessHarness, type AccessHarness } from './access-harness.ts';

const test = suite('socket authorization');
let h: AccessHarness;

test.before(async () => {
  h = await startAccessHarness();
});
test.after(async () => {
  await h.close();
});

async function meetingToken(): Promise<{ doc: string; token: string; exp: number; session: string }> {
  const account = await signUp(h);
  const doc = `meeting/${newMeetingId()}`;
  const result = await h.api('POST', '/api/tokens', { doc }, account.session);
  return { doc, token: result.json.token, exp: result.json.exp, session: account.session };
}

test('a malformed document name is 4400', async () => {
  for (const doc of ['', 'meeting', 'meeting/', 'meeting/has space in it!!', 'library/AAAA', 'other/AAAAAAAAAAAAAAAAAAAAAA']) {
    assert.equal(await h.gate.authorizeSocket(doc, 'x.y', Date.now()), { ok: false, code: CloseCode.badRequest, reason: 'malformed document name' });
  }
});

test('a missing or malformed token is 4401', async () => {
  const { doc } = await meetingToken();
  assert.equal(await h.gate.authorizeSocket(doc, null, Date.now()), { ok: false, code: CloseCode.unauthenticated, reason: 'missing token' });
  assert.equal(await h.gate.authorizeSocket(doc, 'garbage', Date.now()), { ok: false, code: CloseCode.unauthenticated, reason: 'malformed token' });
});

test('a forged token is 4401', async () => {
  const { doc, token } = await meetingToken();
  const [body] = token.split('.');
  const forged = `${body}.${Buffer.alloc(32, 7).toString('base64url')}`;
  assert.equal(await h.gate.authorizeSocket(doc, forged, Date.now()), { ok: false, code: CloseCode.unauthenticated, reason: 'forged token' });
});

test('an expired token is 4401', async () => {
  const { doc, token, exp } = await meetingToken();
  assert.ok((await h.gate.authorizeSocket(doc, token, exp - 1)).ok);
  assert.equal(await h.gate.authorizeSocket(doc, token, exp), { ok: false, code: CloseCode.unauthenticated, reason: 'expired token' });
});

test('a token for another document is 4403', async () => {
  const { token } = await meetingToken();
  const other = `meeting/${newMeetingId()}`;
  assert.equal(await h.gate.authorizeSocket(other, token, Date.now()), { ok: false, code: CloseCode.forbidden, reason: 'token is for another document' });
});

test('a token of a signed-out session is revoked (4401), and sign-out emits the key it is held under', async () => {
  const { doc, token, session } = await meetingToken();
  const decision = await h.gate.authorizeSocket(doc, token, Date.now());
  assert.ok(decision.ok);
  const sessionKey = decision.ok ? decision.grant.revocationKeys.find((key) => key.startsWith('session:')) : undefined;
  assert.ok(sessionKey);
  assert.is((await h.api('DELETE', '/api/sessions/current', undefined, session)).status, 204);
  assert.ok(h.revoked.includes(sessionKey as string));
  assert.equal(await h.gate.authorizeSocket(doc, token, Date.now()), {
    ok: false,
    code: CloseCode.unauthenticated,
    reason: 'revoked token: the session was signed out',
  });
});

test('a share link whose account no longer owns the meeting is revoked (4401): the row a createShare racing an account deletion leaves', async () => {
  const account = await signUp(h);
  const meetingId = newMeetingId();
  const doc = `meeting/${meetingId}`;
  assert.is((await h.api('POST', '/api/tokens', { doc }, account.session)).status, 200);
  const share = await h.api('POST', '/api/shares', { meetingId, role: 'edit' }, account.session);
  assert.is(share.status, 201);
  assert.ok((await h.gate.authorizeSocket(doc, share.json.token, Date.now())).ok);
  const row = h.db.prepare('SELECT * FROM shares WHERE share_id = ?').get(share.json.shareId) as Record<string, unknown>;
  assert.is((await h.api('DELETE', '/api/accounts/current', undefined, account.session)).status, 204);
  // On PostgreSQL a createShare on one node can insert its row after another node's account
  // deletion committed (it read the owner before); the row is put back as that insert would.
  const columns = Object.keys(row);
  h.db.prepare(`INSERT INTO shares (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => row[c]));
  assert.equal(await h.gate.authorizeSocket(doc, share.json.token, Date.now()), {
    ok: false,
    code: CloseCode.unauthenticated,
    reason: 'revoked token: the share link was revoked',
  });
});

test('tokens survive a restart: a new gate on the same data directory accepts them', async () => {
  const { doc, token } = await meetingToken();
  const restarted = h.reopenGate();
  assert.ok((await restarted.authorizeSocket(doc, token, Date.now())).ok);
});

test.run();
