// OpenID provider configuration: LTM_OIDC_<NAME>_* variables and flags become config, `google` is
// a preset, and what cannot work is refused at start with a ConfigError naming it (an http issuer
// without --allow-insecure-oidc, a missing secret, a bad extension id). With the flag, the relay
// logs one warning line at start.
import { rmSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, resolveConfig } from '../../../../sync-server/config.ts';
import { configFromEnvironment } from '../../../../sync-server/env.ts';
import { resolveOidcProviders } from '../../../../sync-server/web/oidc/oidc-settings.ts';
import { startAccessHarness } from '../access/access-harness.ts';
import { makeTempDir } from '../../helpers/relay-harness.ts';
import { spawnRelay } from '../../helpers/relay-process.ts';
import { EXTENSION_ID } from './oidc-harness.ts';

const test = suite('oidc settings');

const refused = (overrides: Parameters<typeof resolveConfig>[0], pattern: RegExp) =>
  assert.throws(() => resolveConfig(overrides), (error: unknown) => error instanceof ConfigError && pattern.test(String(error)));

test('providers come from LTM_OIDC_<NAME>_* and the extension ids from flags or LTM_EXTENSION_IDS', () => {
  const env = {
    LTM_OIDC_GOOGLE_CLIENT_ID: 'google-id',
    LTM_OIDC_GOOGLE_CLIENT_SECRET: 'google-secret',
    LTM_OIDC_MY_CORP_ISSUER: 'https://login.corp.example/realms/staff',
    LTM_OIDC_MY_CORP_CLIENT_ID: 'corp-id',
    LTM_OIDC_MY_CORP_CLIENT_SECRET: 'corp-secret',
    LTM_OIDC_MY_CORP_LABEL: 'Corp SSO',
    LTM_EXTENSION_IDS: `${EXTENSION_ID}, ${'b'.repeat(32)}`,
  };
  const overrides = configFromEnvironment([], env);
  const config = resolveConfig(overrides);
  assert.equal(config.extensionIds, [EXTENSION_ID, 'b'.repeat(32)]);
  const providers = resolveOidcProviders(config.oidcProviders, config.allowInsecureOidc);
  assert.equal(
    providers.map((p) => [p.name, p.issuer.href, p.clientId, p.label]),
    [
      ['google', 'https://accounts.google.com/', 'google-id', 'Google'],
      ['my-corp', 'https://login.corp.example/realms/staff', 'corp-id', 'Corp SSO'],
    ],
  );
  const flags = configFromEnvironment(['--extension-id', EXTENSION_ID, '--allow-insecure-oidc'], {});
  assert.equal(flags.extensionIds, [EXTENSION_ID]);
  assert.is(flags.allowInsecureOidc, true);
});

test('what cannot work is refused at start, naming the setting', () => {
  const client = { clientId: 'id', clientSecret: 'secret' };
  refused({ oidcProviders: { corp: { ...client, issuer: 'http://login.corp.example' } } }, /--allow-insecure-oidc/);
  refused({ oidcProviders: { corp: client } }, /LTM_OIDC_CORP_ISSUER/);
  refused({ oidcProviders: { google: { clientId: 'id', clientSecret: '' } } }, /LTM_OIDC_GOOGLE_CLIENT_ID/);
  refused({ oidcProviders: { 'Bad Name': { ...client, issuer: 'https://x.example' } } }, /name/);
  refused({ extensionIds: ['not-an-extension-id'] }, /extension ids/);
  const insecure = resolveConfig({ allowInsecureOidc: true, oidcProviders: { corp: { ...client, issuer: 'http://127.0.0.1:9' } } });
  assert.is(insecure.allowInsecureOidc, true);
});

test('an http issuer, allowed for local testing, logs one warning at start', async () => {
  const h = await startAccessHarness({}, {
    providers: { local: { issuer: 'http://127.0.0.1:9', clientId: 'id', clientSecret: 'never-logged-secret' } },
    allowInsecure: true,
    extensionIds: [],
    ownUrl: () => 'http://127.0.0.1',
  });
  try {
    const warnings = h.logs.filter((line) => line.includes('"level":40'));
    assert.is(warnings.length, 1);
    assert.match(warnings[0] ?? '', /allow-insecure-oidc/);
    assert.ok(h.logs.every((line) => !line.includes('never-logged-secret')));
    const listed = await h.api('GET', '/api/auth/providers');
    assert.equal(listed.json, [{ name: 'local', label: 'local' }]);
  } finally {
    await h.close();
  }
});

test('the CLI reads LTM_OIDC_* and the flags, warns once about http, and lists the provider', async () => {
  const secret = 'cli-secret-never-in-a-log-line';
  const dataDir = makeTempDir();
  const relay = await spawnRelay({
    dataDir,
    args: ['--allow-insecure-oidc', '--extension-id', EXTENSION_ID],
    env: { LTM_OIDC_LOCAL_DEV_ISSUER: 'http://127.0.0.1:9', LTM_OIDC_LOCAL_DEV_CLIENT_ID: 'cli', LTM_OIDC_LOCAL_DEV_CLIENT_SECRET: secret, LTM_OIDC_LOCAL_DEV_LABEL: 'Local dev' },
  });
  try {
    const listed = await (await fetch(`${relay.httpUrl}/api/auth/providers`)).json();
    assert.equal(listed, [{ name: 'local-dev', label: 'Local dev' }]);
    assert.is(relay.lines.filter((line) => line.includes('allow-insecure-oidc')).length, 1);
    assert.ok(relay.lines.every((line) => !line.includes(secret)));
  } finally {
    await relay.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();
