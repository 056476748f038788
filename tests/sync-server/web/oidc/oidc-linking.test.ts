// The linking rules against the real provider: a verified email that a password account has is
// not merged silently; the owner signs in with the password and links; one identity, one
// account; unlink only while another way to sign in remains; an account made by a provider has
// no password to sign in or change with; deleting an account frees its identities; a session
// that signed in more than ten minutes ago links or unlinks only with the password, or after a
// new sign-in.
import { strFromU8, unzipSync } from 'fflate';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OidcRoutes } from '../../../../wire/oidc-sign-in.ts';
import { RECENT_SIGN_IN_MS } from '../../../../sync-server/web/access/recent-proof.ts';
import { ageSessions, newCredentials } from '../access/access-harness.ts';
import { startOidcHarness, type OidcHarness } from './oidc-harness.ts';
import { backFromCallback, signInWithProvider, toCallback } from './oidc-steps.ts';

const test = suite('oidc linking');
let h: OidcHarness;

test.before(async () => {
  h = await startOidcHarness({ names: ['test', 'other'] });
});
test.after(async () => {
  await h.close();
});

async function linkWith(provider: string, login: string, session: string) {
  const journey = await toCallback(h, login, { provider, intent: 'link' });
  const back = await backFromCallback(journey.callback);
  return h.api('POST', OidcRoutes.identities, { code: back.params.get('code'), code_verifier: journey.pkce.verifier }, session);
}

async function passwordAccount(email: string) {
  const credentials = { ...newCredentials(), email };
  const created = await h.api('POST', '/api/accounts', credentials);
  assert.is(created.status, 201);
  return { ...credentials, accountId: created.json.accountId as string, session: created.json.session as string };
}

test('a verified email of a password account is not merged; after the password sign-in it links', async () => {
  const owner = await passwordAccount('cleo@example.org');
  const refused = await toCallback(h, 'cleo@example.org');
  const back = await backFromCallback(refused.callback);
  assert.is(back.params.get('error'), 'account_exists');
  assert.is(back.params.get('code'), null);
  assert.is((await h.api('GET', OidcRoutes.identities, undefined, owner.session)).json.identities.length, 0, 'nothing linked');

  const signedIn = await h.api('POST', '/api/sessions', { email: owner.email, password: owner.password });
  const linked = await linkWith('test', 'cleo@example.org', signedIn.json.session);
  assert.is(linked.status, 201);
  assert.is(linked.json.provider, 'test');
  assert.is(linked.json.label, 'Test test');
  assert.type(linked.json.linkedAt, 'number');

  const viaProvider = await signInWithProvider(h, 'cleo@example.org');
  assert.is(viaProvider.exchanged.status, 201);
  assert.is(viaProvider.exchanged.json.accountId, owner.accountId, 'the provider now signs in to the password account');
  assert.is((await linkWith('test', 'cleo@example.org', owner.session)).status, 200, 'linking again is a no-op');

  const exported = await fetch(`${h.relay.httpUrl}/api/accounts/current/export`, { headers: { authorization: `Bearer ${owner.session}` } });
  const account = JSON.parse(strFromU8(unzipSync(new Uint8Array(await exported.arrayBuffer()))['account.json'] ?? new Uint8Array()));
  assert.equal(
    account.connectedSignIns.map((i: { subject: string; email: string }) => [i.subject, i.email]),
    [['cleo@example.org', 'cleo@example.org']],
    'the export lists the connected sign-in',
  );
});

test('a link code is not a sign-in code, and the reverse', async () => {
  const owner = await passwordAccount('dai@example.org');
  const link = await toCallback(h, 'dai-link@example.org', { intent: 'link' });
  const linkCode = (await backFromCallback(link.callback)).params.get('code');
  const asSession = await h.api('POST', OidcRoutes.exchange, { code: linkCode, code_verifier: link.pkce.verifier });
  assert.is(asSession.status, 400);
  assert.is(asSession.json.error.code, 'invalid_grant');

  const signIn = await toCallback(h, 'dai-sign-in@example.org');
  const signInCode = (await backFromCallback(signIn.callback)).params.get('code');
  const asLink = await h.api('POST', OidcRoutes.identities, { code: signInCode, code_verifier: signIn.pkce.verifier }, owner.session);
  assert.is(asLink.status, 400);
  assert.is(asLink.json.error.code, 'invalid_grant');
});

test('an identity linked to one account cannot be linked to another', async () => {
  const first = await signInWithProvider(h, 'eve@example.org');
  assert.is(first.exchanged.status, 201);
  const other = await passwordAccount('someone-else@example.org');
  const taken = await linkWith('test', 'eve@example.org', other.session);
  assert.is(taken.status, 409);
  assert.is(taken.json.error.code, 'identity_taken');
  assert.is((await h.api('GET', OidcRoutes.identities, undefined, other.session)).json.identities.length, 0);
});

test('unlinking: never the last way to sign in', async () => {
  const { exchanged } = await signInWithProvider(h, 'fay@example.org');
  const session = exchanged.json.session;
  const [only] = (await h.api('GET', OidcRoutes.identities, undefined, session)).json.identities;
  const last = await h.api('DELETE', `${OidcRoutes.identities}/${only.identityId}`, undefined, session);
  assert.is(last.status, 409);
  assert.is(last.json.error.code, 'last_sign_in');

  assert.is((await linkWith('other', 'fay-elsewhere@example.org', session)).status, 201);
  assert.is((await h.api('DELETE', `${OidcRoutes.identities}/${only.identityId}`, undefined, session)).status, 204);
  const [remaining] = (await h.api('GET', OidcRoutes.identities, undefined, session)).json.identities;
  assert.is(remaining.provider, 'other');
  assert.is((await h.api('DELETE', `${OidcRoutes.identities}/${remaining.identityId}`, undefined, session)).status, 409);
  assert.is((await h.api('DELETE', `${OidcRoutes.identities}/no-such-identity`, undefined, session)).status, 404);

  const withPassword = await passwordAccount('gus@example.org');
  const linked = await linkWith('test', 'gus@example.org', withPassword.session);
  assert.is((await h.api('DELETE', `${OidcRoutes.identities}/${linked.json.identityId}`, undefined, withPassword.session)).status, 204, 'the password remains');
});

test('a provider-made account has no password to sign in or change with', async () => {
  const { exchanged } = await signInWithProvider(h, 'hal@example.org');
  const signIn = await h.api('POST', '/api/sessions', { email: 'hal@example.org', password: 'anything at all' });
  assert.is(signIn.status, 401);
  const change = await h.api('POST', '/api/accounts/current/password', { currentPassword: 'anything at all', newPassword: 'a new password' }, exchanged.json.session);
  assert.is(change.status, 409);
  assert.is(change.json.error.code, 'no_password');
});

test('deleting the account frees its identity for a new account', async () => {
  const first = await signInWithProvider(h, 'ida@example.org');
  assert.is((await h.api('DELETE', '/api/accounts/current', undefined, first.exchanged.json.session)).status, 204);
  const again = await signInWithProvider(h, 'ida@example.org');
  assert.is(again.exchanged.status, 201);
  assert.is.not(again.exchanged.json.accountId, first.exchanged.json.accountId);
});

test('an old session links and unlinks only with the password; an account without one signs in again', async () => {
  const owner = await passwordAccount('jo@example.org');
  ageSessions(h.db, owner.accountId, RECENT_SIGN_IN_MS + 1_000);
  const journey = await toCallback(h, 'jo-elsewhere@example.org', { provider: 'test', intent: 'link' });
  const back = await backFromCallback(journey.callback);
  const code = { code: back.params.get('code'), code_verifier: journey.pkce.verifier };
  const bare = await h.api('POST', OidcRoutes.identities, code, owner.session);
  assert.is(bare.status, 403);
  assert.is(bare.json.error.code, 'reauthenticate');
  const wrong = await h.api('POST', OidcRoutes.identities, { ...code, currentPassword: 'not the password' }, owner.session);
  assert.is(wrong.status, 403);
  assert.is(wrong.json.error.code, 'invalid_credentials');
  assert.is((await h.api('GET', OidcRoutes.identities, undefined, owner.session)).json.identities.length, 0, 'nothing linked');
  // The refusals came before the code was redeemed: the same code links once the password is given.
  const linked = await h.api('POST', OidcRoutes.identities, { ...code, currentPassword: owner.password }, owner.session);
  assert.is(linked.status, 201);
  const unlinkPath = `${OidcRoutes.identities}/${linked.json.identityId}`;
  const refused = await h.api('DELETE', unlinkPath, undefined, owner.session);
  assert.is(refused.status, 403);
  assert.is(refused.json.error.code, 'reauthenticate');
  assert.is((await h.api('DELETE', unlinkPath, { currentPassword: owner.password }, owner.session)).status, 204);

  const made = await signInWithProvider(h, 'kai@example.org');
  ageSessions(h.db, made.exchanged.json.accountId, RECENT_SIGN_IN_MS + 1_000);
  const stale = await linkWith('other', 'kai-elsewhere@example.org', made.exchanged.json.session);
  assert.is(stale.status, 403);
  assert.is(stale.json.error.code, 'reauthenticate');
  assert.match(stale.json.error.message, 'Sign in again');
  const [own] = (await h.api('GET', OidcRoutes.identities, undefined, made.exchanged.json.session)).json.identities;
  const guessed = await h.api('DELETE', `${OidcRoutes.identities}/${own.identityId}`, { currentPassword: 'there is none' }, made.exchanged.json.session);
  assert.is(guessed.status, 403);
  assert.is(guessed.json.error.code, 'reauthenticate', 'no password to check: sign in again');
  const again = await signInWithProvider(h, 'kai@example.org');
  assert.is((await linkWith('other', 'kai-elsewhere@example.org', again.exchanged.json.session)).status, 201);
});

test.run();
