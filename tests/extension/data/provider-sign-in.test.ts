// The extension's OpenID sign-in code (state, PKCE, state check, code exchange, list of
// providers) against a real relay and a real provider. chrome.identity's window is replaced by
// one that plays the browser over HTTP (the provider's login form, the relay's callback) and
// hands back the chromiumapp.org URL the relay redirected to, as launchWebAuthFlow would.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ProviderSignInError, signInWithProvider, type AuthWindow } from '../../../extension/data/provider-sign-in.ts';
import { listProviders } from '../../../extension/data/relay-api.ts';
import { OidcRoutes } from '../../../wire/oidc-sign-in.ts';
import { EXTENSION_REDIRECT, startOidcHarness, type OidcHarness } from '../../sync-server/web/oidc/oidc-harness.ts';
import { loginAtProvider, visit } from '../../sync-server/web/oidc/provider-login.ts';

const test = suite('extension provider sign-in');
let h: OidcHarness;

test.before(async () => {
  h = await startOidcHarness();
});
test.after(async () => {
  await h.close();
});

/** Logs in as `login` and returns where the relay sends the window back to. */
function windowAs(login: string, seen: string[] = []): AuthWindow {
  return async (url) => {
    seen.push(url);
    const callback = await loginAtProvider(url, login, h.relay.httpUrl + OidcRoutes.callback('test'));
    const back = await visit(callback);
    if (back.location === null) throw new Error(`the relay answered ${back.status}`);
    return back.location.href;
  };
}

async function refusalOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderSignInError) return error.reason;
    throw error;
  }
  throw new Error('expected a ProviderSignInError');
}

test('lists the providers for the buttons', async () => {
  assert.equal(await listProviders(h.relay.httpUrl), [{ name: 'test', label: 'Test test' }]);
});

test('signs in: own state and S256 challenge at the start route, the code exchanged for a session', async () => {
  const seen: string[] = [];
  const grant = await signInWithProvider(h.relay.httpUrl, 'test', EXTENSION_REDIRECT, windowAs('lee@example.org', seen));
  const start = new URL(seen[0] ?? '');
  assert.is(start.pathname, OidcRoutes.start('test'));
  assert.is(start.searchParams.get('redirect_uri'), EXTENSION_REDIRECT);
  assert.is(start.searchParams.get('code_challenge_method'), 'S256');
  assert.match(start.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
  assert.match(start.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{43}$/);
  assert.is(grant.name, 'Person lee');
  const me = await h.api('GET', '/api/accounts/current', undefined, grant.session);
  assert.is(me.json.email, 'lee@example.org');
});

test('an answer with another state is not taken, and its code is never sent', async () => {
  const exchangesBefore = h.logs.filter((line) => line.includes(OidcRoutes.exchange)).length;
  const foreign: AuthWindow = async (url) => {
    const back = new URL(await windowAs('mo@example.org')(url));
    back.searchParams.set('state', 'someone-elses-state');
    return back.href;
  };
  assert.is(await refusalOf(signInWithProvider(h.relay.httpUrl, 'test', EXTENSION_REDIRECT, foreign)), 'state_mismatch');
  assert.is(h.logs.filter((line) => line.includes(OidcRoutes.exchange)).length, exchangesBefore);
});

test('a closed window, an unverified email and a password account\'s email are named refusals', async () => {
  const closed: AuthWindow = () => Promise.reject(new Error('The user did not approve access.'));
  assert.is(await refusalOf(signInWithProvider(h.relay.httpUrl, 'test', EXTENSION_REDIRECT, closed)), 'cancelled');
  assert.is(await refusalOf(signInWithProvider(h.relay.httpUrl, 'test', EXTENSION_REDIRECT, windowAs('unverified-nia@example.org'))), 'email_unverified');
  const owner = { email: 'oz@example.org', password: 'a long password', name: 'Oz' };
  assert.is((await h.api('POST', '/api/accounts', owner)).status, 201);
  assert.is(await refusalOf(signInWithProvider(h.relay.httpUrl, 'test', EXTENSION_REDIRECT, windowAs(owner.email))), 'account_exists');
});

test.run();
