// Every refusal of the OpenID sign-in, each against the real provider and relay: a wrong or
// missing state, a replayed code, a wrong verifier, a nonce or issuer mismatch, an unverified
// email, a redirect_uri outside the allow-list, and the cases around them (an expired code, a
// cancelled login, bad start parameters). Each refusal issues no code and leaves no account.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OidcRoutes } from '../../../../wire/oidc-sign-in.ts';
import { secretHash } from '../../../../sync-server/web/oidc/oidc-context.ts';
import { EXTENSION_ID, EXTENSION_REDIRECT, startOidcHarness, type OidcHarness } from './oidc-harness.ts';
import { backFromCallback, signInWithProvider, toCallback } from './oidc-steps.ts';
import { newPkce, newState, visit } from './provider-login.ts';

const test = suite('oidc refusals');
let h: OidcHarness;

test.before(async () => {
  h = await startOidcHarness({ names: ['test', 'other', 'misnamed'], misnamedIssuers: ['misnamed'] });
});
test.after(async () => {
  await h.close();
});

const accountCount = () => (h.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
const relayState = (callback: URL) => secretHash(callback.searchParams.get('state') ?? '');

async function expectRefusedRedirect(callback: URL, error: string, state: string): Promise<void> {
  const before = accountCount();
  const back = await backFromCallback(callback);
  assert.is(back.status, 302);
  assert.is(back.params.get('error'), error);
  assert.is(back.params.get('state'), state);
  assert.is(back.params.get('code'), null, 'no code');
  assert.is(accountCount(), before, 'no account made');
}

test('a missing, wrong or used state is 400 with no redirect', async () => {
  const journey = await toCallback(h, 'state@example.org');
  const missing = new URL(journey.callback);
  missing.searchParams.delete('state');
  const wrong = new URL(journey.callback);
  wrong.searchParams.set('state', newState());
  for (const url of [missing, wrong]) {
    const { status, location, response } = await visit(url);
    assert.is(status, 400);
    assert.is(location, null);
    assert.is(((await response.json()) as { error: { code: string } }).error.code, 'invalid_state');
  }
  assert.is((await backFromCallback(journey.callback)).status, 302, 'the real state still works once');
  const replay = await visit(journey.callback);
  assert.is(replay.status, 400, 'and never twice');
  assert.is(replay.location, null);
});

test('a replayed code is refused', async () => {
  const { journey, code, exchanged } = await signInWithProvider(h, 'replay@example.org');
  assert.is(exchanged.status, 201);
  const again = await h.api('POST', OidcRoutes.exchange, { code, code_verifier: journey.pkce.verifier });
  assert.is(again.status, 400);
  assert.is(again.json.error.code, 'invalid_grant');
});

test('a wrong verifier is refused, and spends the code', async () => {
  const journey = await toCallback(h, 'verifier@example.org');
  const code = (await backFromCallback(journey.callback)).params.get('code');
  for (const verifier of [(await newPkce()).verifier, 'short', journey.pkce.verifier]) {
    const result = await h.api('POST', OidcRoutes.exchange, { code, code_verifier: verifier });
    assert.is(result.status, 400);
    assert.is(result.json.error.code, 'invalid_grant');
  }
});

test('an expired code is refused', async () => {
  const journey = await toCallback(h, 'late@example.org');
  const code = (await backFromCallback(journey.callback)).params.get('code') ?? '';
  h.db.prepare('UPDATE oidc_codes SET expires_at = ? WHERE code_hash = ?').run(Date.now() - 1, secretHash(code));
  const result = await h.api('POST', OidcRoutes.exchange, { code, code_verifier: journey.pkce.verifier });
  assert.is(result.status, 400);
  assert.is(result.json.error.code, 'invalid_grant');
});

test('a nonce that is not the one the relay sent is refused', async () => {
  const journey = await toCallback(h, 'nonce@example.org');
  h.db.prepare("UPDATE oidc_flows SET nonce = 'not-the-nonce-the-provider-saw' WHERE state_hash = ?").run(relayState(journey.callback));
  await expectRefusedRedirect(journey.callback, 'sign_in_failed', journey.state);
  assert.ok(h.logs.some((line) => line.includes('OpenID sign-in refused') && line.includes('nonce')), 'one log line names the nonce');
});

test('an issuer mismatch is refused: a forged iss, another provider\'s answer, a misnamed issuer', async () => {
  const forged = await toCallback(h, 'iss@example.org');
  assert.ok(forged.callback.searchParams.has('iss'), 'the provider names itself in its answer (RFC 9207)');
  forged.callback.searchParams.set('iss', h.providers.other?.issuer ?? '');
  await expectRefusedRedirect(forged.callback, 'sign_in_failed', forged.state);

  const mixUp = await toCallback(h, 'mixup@example.org');
  const atOther = new URL(h.relay.httpUrl + OidcRoutes.callback('other'));
  atOther.search = mixUp.callback.search;
  await expectRefusedRedirect(atOther, 'sign_in_failed', mixUp.state);

  const pkce = await newPkce();
  const misnamed = await visit(h.startUrl('misnamed', { redirect_uri: EXTENSION_REDIRECT, state: newState(), code_challenge: pkce.challenge }));
  assert.is(misnamed.status, 502, 'discovery refuses a provider that calls itself by another issuer');
  assert.is(misnamed.location, null);
});

test('an unverified email creates nothing and matches nothing', async () => {
  const journey = await toCallback(h, 'unverified@example.org');
  await expectRefusedRedirect(journey.callback, 'email_unverified', journey.state);
  const rows = h.db.prepare("SELECT count(*) AS n FROM identities WHERE subject = 'unverified@example.org'").get() as { n: number };
  assert.is(rows.n, 0);
});

test('a cancelled login goes back to the client as access_denied', async () => {
  const state = newState();
  const start = await visit(h.startUrl('test', { redirect_uri: EXTENSION_REDIRECT, state, code_challenge: (await newPkce()).challenge }));
  const providerState = start.location?.searchParams.get('state') ?? '';
  const callback = new URL(`${h.relay.httpUrl}${OidcRoutes.callback('test')}?error=access_denied&state=${providerState}`);
  await expectRefusedRedirect(callback, 'access_denied', state);
});

test('a redirect_uri outside the allow-list is 400 and no redirect', async () => {
  const refused = [
    'https://evil.example/',
    `https://${'b'.repeat(32)}.chromiumapp.org/oidc`,
    `http://${EXTENSION_ID}.chromiumapp.org/oidc`,
    `https://${EXTENSION_ID}.chromiumapp.org.evil.example/oidc`,
    `https://${EXTENSION_ID}.chromiumapp.org:8443/oidc`,
    `https://${EXTENSION_ID}.chromiumapp.org/oidc#fragment`,
    `https://user@${EXTENSION_ID}.chromiumapp.org/oidc`,
    `${h.relay.httpUrl}/account?next=https://evil.example`,
    `${h.relay.httpUrl}/accounts`,
    `${h.relay.httpUrl}/m/abc`,
    'javascript:alert(1)',
    '',
  ];
  for (const redirect of refused) {
    const result = await visit(h.startUrl('test', { redirect_uri: redirect, state: newState(), code_challenge: (await newPkce()).challenge }));
    assert.is(result.status, 400, redirect);
    assert.is(result.location, null, redirect);
  }
  for (const redirect of [EXTENSION_REDIRECT, `https://${EXTENSION_ID}.chromiumapp.org/`, `${h.relay.httpUrl}/account`]) {
    const result = await visit(h.startUrl('test', { redirect_uri: redirect, state: newState(), code_challenge: (await newPkce()).challenge }));
    assert.is(result.status, 302, redirect);
    assert.is(result.location?.origin, h.providers.test?.issuer, 'to the provider');
  }
});

test('bad start parameters and unknown providers are refused', async () => {
  const good = { redirect_uri: EXTENSION_REDIRECT, state: newState(), code_challenge: (await newPkce()).challenge };
  const cases: [string, Record<string, string>, number][] = [
    ['test', { ...good, code_challenge: 'too-short' }, 400],
    ['test', { ...good, code_challenge_method: 'plain' }, 400],
    ['test', { ...good, state: '' }, 400],
    ['test', { ...good, intent: 'merge' }, 400],
    ['nobody', good, 404],
  ];
  for (const [provider, params, status] of cases) {
    assert.is((await visit(h.startUrl(provider, params))).status, status, JSON.stringify(params));
  }
});

test.run();
