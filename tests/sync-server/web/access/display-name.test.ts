// The account's display name: what collaborators and viewers see instead of anything from the
// email. Every session grant carries it, and its owner can change it through the API.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fitDisplayName } from '../../../../sync-server/web/access/display-name.ts';
import { newCredentials, startAccessHarness, type AccessHarness } from './access-harness.ts';

const test = suite('display name');
let h: AccessHarness;

test.before(async () => {
  h = await startAccessHarness();
});
test.after(async () => {
  await h.close();
});

test('sign-up and sign-in grants carry the display name', async () => {
  const credentials = { ...newCredentials(), name: '  Grace Hopper ' };
  const created = await h.api('POST', '/api/accounts', credentials);
  assert.is(created.status, 201);
  assert.equal(Object.keys(created.json).sort(), ['accountId', 'deviceToken', 'name', 'session']);
  assert.is(created.json.name, 'Grace Hopper');
  const signedIn = await h.api('POST', '/api/sessions', { email: credentials.email, password: credentials.password });
  assert.equal([signedIn.status, signedIn.json.accountId, signedIn.json.name], [200, created.json.accountId, 'Grace Hopper']);
});

test('PATCH /api/accounts/current changes the name for every later session', async () => {
  const credentials = newCredentials();
  const { session } = (await h.api('POST', '/api/accounts', credentials)).json;
  const renamed = await h.api('PATCH', '/api/accounts/current', { name: ' Ada Lovelace ' }, session);
  assert.is(renamed.status, 200);
  assert.is(renamed.json.name, 'Ada Lovelace');
  assert.is((await h.api('GET', '/api/accounts/current', undefined, session)).json.name, 'Ada Lovelace');
  const again = await h.api('POST', '/api/sessions', { email: credentials.email, password: credentials.password });
  assert.is(again.json.name, 'Ada Lovelace');
});

test('a bad name is 400 invalid_name and changes nothing', async () => {
  const credentials = newCredentials();
  const { session } = (await h.api('POST', '/api/accounts', credentials)).json;
  const bad: unknown[] = [{}, { name: 42 }, { name: '   ' }, { name: 'x'.repeat(101) }, { name: 'Ann\nBo' }, { name: 'Ann\u2028Bo' }, { name: 'A\u0000' }];
  for (const body of bad) {
    const result = await h.api('PATCH', '/api/accounts/current', body, session);
    assert.is(result.status, 400, JSON.stringify(body));
    assert.is(result.json.error.code, 'invalid_name');
    assert.type(result.json.error.message, 'string');
  }
  assert.is((await h.api('GET', '/api/accounts/current', undefined, session)).json.name, credentials.name);
  const signUp = await h.api('POST', '/api/accounts', { ...newCredentials(), name: 'Line\rbreak' });
  assert.equal([signUp.status, signUp.json.error.code], [400, 'invalid_name']);
});

test('a provider profile name is fitted to the same rules instead of refused', () => {
  const config = { nameMaxLength: 100 };
  assert.is(fitDisplayName('  Ann\nBo\u2028Cy\u0000 ', config), 'Ann Bo Cy');
  assert.is(fitDisplayName('x'.repeat(150), config), 'x'.repeat(100));
  assert.is(fitDisplayName('', config), '');
});

test('without a live session the name cannot be changed', async () => {
  const anonymous = await h.api('PATCH', '/api/accounts/current', { name: 'Mallory' });
  assert.equal([anonymous.status, anonymous.json.error.code], [401, 'unauthenticated']);
  const forged = await h.api('PATCH', '/api/accounts/current', { name: 'Mallory' }, 'not-a-session');
  assert.is(forged.status, 401);
});

test.run();
