import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CloseCode } from '../../../../wire/close-codes.ts';
import { newMeetingId, signUp, startAccessHarness, type AccessHarness } from './access-harness.ts';

const test = suite('document tokens');
let h: AccessHarness;

test.before(async () => {
  h = await startAccessHarness();
});
test.after(async () => {
  await h.close();
});

test('an account gets an owner token for its own library, which opens that library', async () => {
  const account = await signUp(h);
  const doc = `library/${account.accountId}`;
  const before = Date.now();
  const result = await h.api('POST', '/api/tokens', { doc }, account.session);
  assert.is(result.status, 200);
  assert.is(result.json.role, 'owner');
  assert.ok(result.json.exp > before && result.json.exp <= Date.now() + 60 * 60 * 1000);
  const decision = await h.gate.authorizeSocket(doc, result.json.token, Date.now());
  assert.ok(decision.ok);
  if (decision.ok) {
    assert.equal(decision.grant.doc, doc);
    assert.is(decision.grant.role, 'owner');
    assert.ok(decision.grant.revocationKeys.includes(`account:${account.accountId}`));
  }
});

test("one account cannot get a token for another account's library", async () => {
  const alice = await signUp(h);
  const bob = await signUp(h);
  const result = await h.api('POST', '/api/tokens', { doc: `library/${alice.accountId}` }, bob.session);
  assert.is(result.status, 403);
  assert.is(result.json.error.code, 'forbidden');
});

test("a library token does not open another account's library over a socket", async () => {
  const alice = await signUp(h);
  const bob = await signUp(h);
  const bobs = await h.api('POST', '/api/tokens', { doc: `library/${bob.accountId}` }, bob.session);
  const decision = await h.gate.authorizeSocket(`library/${alice.accountId}`, bobs.json.token, Date.now());
  assert.equal(decision, { ok: false, code: CloseCode.forbidden, reason: 'token is for another document' });
});

test('the first account to ask for an unowned meeting owns it; others are refused', async () => {
  const alice = await signUp(h);
  const bob = await signUp(h);
  const doc = `meeting/${newMeetingId()}`;
  const first = await h.api('POST', '/api/tokens', { doc }, alice.session);
  assert.is(first.status, 200);
  assert.is(first.json.role, 'owner');
  const again = await h.api('POST', '/api/tokens', { doc }, alice.session);
  assert.is(again.status, 200, 'the owner can ask again');
  const other = await h.api('POST', '/api/tokens', { doc }, bob.session);
  assert.is(other.status, 403);
  assert.match(other.json.error.message, /share link/);
  const owner = h.db.prepare('SELECT account_id FROM meeting_owners WHERE meeting_id = ?').get(doc.slice('meeting/'.length)) as { account_id: string };
  assert.is(owner.account_id, alice.accountId);
});

test('a malformed document name is 400, and a token needs a session', async () => {
  const account = await signUp(h);
  for (const doc of ['meeting/short', 'notes/AAAAAAAAAAAAAAAAAAAAAA', 'meeting/../../etc/passwd', '']) {
    const result = await h.api('POST', '/api/tokens', { doc }, account.session);
    assert.is(result.status, 400, doc);
    assert.is(result.json.error.code, 'invalid_document');
  }
  assert.is((await h.api('POST', '/api/tokens', { doc: `library/${account.accountId}` })).status, 401);
});

test.run();
