// Relay configuration: one schema checks every setting, whatever its source. A bad value is an
// InvalidSettingError naming the setting and the flag, variable or file it came from; sources
// combine as flags > env > file > defaults; every field of the defaults objects is a setting or
// is listed as fixed, so a new field cannot be forgotten by the schema, --help or the README.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ConfigError,
  ConfigFileError,
  helpText,
  settingsTable,
  InvalidSettingError,
  MAX_KEEP_ALIVE_MS,
  resolveConfig,
  serviceDefaults,
  UnknownSettingError,
} from '../../sync-server/config.ts';
import { FIXED, SETTINGS } from '../../sync-server/config-schema.ts';
import { loadServiceConfig } from '../../sync-server/env.ts';

const test = suite('relay config');
const dir = mkdtempSync(join(tmpdir(), 'ltm-config-'));
let files = 0;
const configFile = (content: unknown): string => {
  files += 1;
  const path = join(dir, `relay-${files}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

function refusal(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

type Case = readonly [name: string, argv: readonly string[], env: Record<string, string>, error: new (...args: never[]) => ConfigError, setting: string, from: RegExp];

const CASES: readonly Case[] = [
  ['port not a number', ['--port', 'abc'], {}, InvalidSettingError, 'relay.port', /--port="abc"/],
  ['port out of range', [], { LTM_PORT: '70000' }, InvalidSettingError, 'relay.port', /LTM_PORT="70000"/],
  ['log level unknown', ['--log-level', 'loud'], {}, InvalidSettingError, 'relay.logLevel', /--log-level="loud"/],
  ['smtp url not a url', [], { LTM_SMTP_URL: 'notaurl' }, InvalidSettingError, 'website.smtpUrl', /^LTM_SMTP_URL$/],
  ['public url not http', [], { LTM_PUBLIC_URL: 'ftp://relay.example' }, InvalidSettingError, 'relay.publicUrl', /LTM_PUBLIC_URL/],
  ['proxy not an address', ['--trust-proxy', 'proxy.internal'], {}, InvalidSettingError, 'relay.trustedProxies', /--trust-proxy/],
  ['keep-alive over the stock client timeout', [], { LTM_KEEP_ALIVE_MS: String(MAX_KEEP_ALIVE_MS + 1) }, InvalidSettingError, 'relay.keepAliveMs', /LTM_KEEP_ALIVE_MS/],
  ['synchronous mode unknown', [], { LTM_SQLITE_SYNCHRONOUS: 'OFF' }, InvalidSettingError, 'relay.sqliteSynchronous', /LTM_SQLITE_SYNCHRONOUS/],
  ['boolean not a boolean', ['--viewer-awareness', 'maybe'], {}, InvalidSettingError, 'relay.viewerAwareness', /--viewer-awareness/],
  ['session lifetime zero', [], { LTM_ACCESS_SESSION_TTL_MS: '0' }, InvalidSettingError, 'access.sessionTtlMs', /LTM_ACCESS_SESSION_TTL_MS/],
  ['rate window negative', ['--access-sign-in-per-email-window-ms=-5'], {}, InvalidSettingError, 'access.signInPerEmail.windowMs', /--access-sign-in/],
  ['limit fractional', [], { LTM_WEBSITE_EVENTS_PER_IP_MAX: '1.5' }, InvalidSettingError, 'website.eventsPerIp.max', /LTM_WEBSITE_EVENTS/],
  ['stats token too short', [], { LTM_STATS_TOKEN: 'short' }, InvalidSettingError, 'website.statsToken', /^LTM_STATS_TOKEN$/],
  ['metrics token too short', [], { LTM_METRICS_TOKEN: 'short' }, InvalidSettingError, 'relay.metricsToken', /^LTM_METRICS_TOKEN$/],
  ['metrics token with a space', [], { LTM_METRICS_TOKEN: 'a long enough secret' }, InvalidSettingError, 'relay.metricsToken', /^LTM_METRICS_TOKEN$/],
  ['metrics token given as a flag', ['--metrics-token', 'a-long-enough-secret'], {}, UnknownSettingError, '--metrics-token a-long-enough-secret', /command line/],
  ['byte burst under the message size', [], { LTM_MAX_MESSAGE_BYTES: String(8 * 1024 * 1024) }, InvalidSettingError, 'relay.byteBurst', /default/],
  ['document cap under the message size', ['--max-document-bytes', String(1024 * 1024)], {}, InvalidSettingError, 'relay.maxDocumentBytes', /--max-document-bytes="1048576"/],
  ['certificate without key', [], { LTM_TLS_CERT: '/etc/cert.pem' }, InvalidSettingError, 'relay.tlsKeyFile', /default/],
  ['password bounds crossed', [], { LTM_ACCESS_PASSWORD_MIN_LENGTH: '300' }, InvalidSettingError, 'access.passwordMinLength', /LTM_ACCESS_PASSWORD_MIN_LENGTH/],
  ['retention sweep not below retention', [], { LTM_WEBSITE_RETENTION_SWEEP_MS: String(30 * 86_400_000) }, InvalidSettingError, 'website.retentionSweepMs', /LTM_WEBSITE_RETENTION_SWEEP_MS/],
  ['mail retry delays crossed', [], { LTM_WEBSITE_MAIL_RETRY_FIRST_DELAY_MS: String(2 * 3_600_000) }, InvalidSettingError, 'website.mailRetry.maxDelayMs', /default/],
  ['SMTP without a public URL', [], { LTM_SMTP_URL: 'smtp://mail.example:587' }, InvalidSettingError, 'relay.publicUrl', /default/],
  ['unknown flag', ['--prot', '80'], {}, UnknownSettingError, '--prot 80', /command line/],
  ['secret given as a flag', ['--smtp-url', 'smtp://x'], {}, UnknownSettingError, '--smtp-url smtp://x', /command line/],
];

for (const [name, argv, env, error, setting, from] of CASES) {
  test(`refused: ${name}`, () => {
    const refused = refusal(() => loadServiceConfig(argv, env));
    assert.instance(refused, error);
    assert.is((refused as InvalidSettingError).setting, setting);
    assert.match((refused as InvalidSettingError).from, from);
    assert.ok(refused.message.startsWith(setting), refused.message);
  });
}

test('a value of the wrong type in the config file is refused for every setting, naming it and the file', () => {
  for (const s of SETTINGS) {
    const [section, ...rest] = s.path.split('.');
    const nested = rest.reduceRight<unknown>((value, key) => ({ [key]: value }), [42, 'wrong']);
    const file = configFile({ [section!]: nested });
    const refused = refusal(() => loadServiceConfig(['--config', file], {}));
    assert.instance(refused, InvalidSettingError, s.path);
    assert.is((refused as InvalidSettingError).setting, s.path);
    assert.is((refused as InvalidSettingError).from, file);
  }
});

test('config files: unknown keys, fixed fields, bad JSON and missing files have their own errors', () => {
  const unknown = refusal(() => loadServiceConfig(['--config', configFile({ relay: { prot: 80 } })], {}));
  assert.instance(unknown, UnknownSettingError);
  assert.is((unknown as UnknownSettingError).setting, 'relay.prot');
  const fixed = refusal(() => loadServiceConfig(['--config', configFile({ access: { secretFileName: 'x' } })], {}));
  assert.instance(fixed, UnknownSettingError);
  assert.match(fixed.message, /not settable: a file of the data directory/);
  assert.instance(refusal(() => loadServiceConfig(['--config', configFile('{ port: 1')], {})), ConfigFileError);
  assert.instance(refusal(() => loadServiceConfig(['--config', configFile('[1]')], {})), ConfigFileError);
  const missing = refusal(() => loadServiceConfig([], { LTM_CONFIG: join(dir, 'absent.json') }));
  assert.instance(missing, ConfigFileError);
  assert.match(missing.message, /absent\.json: ENOENT/);
});

test('precedence: flags > env > file > defaults, each setting independently', () => {
  const file = configFile({ relay: { port: 1001, host: '0.0.0.0', compactAfterRows: 7 }, access: { sessionTtlMs: 5000, signInPerIp: { max: 3 } } });
  const config = loadServiceConfig(['--config', file, '--port', '1003'], { LTM_PORT: '1002', LTM_HOST: '::1', LTM_ACCESS_SIGN_IN_PER_IP_MAX: '4' });
  assert.is(config.relay.port, 1003, 'flag over env and file');
  assert.is(config.relay.host, '::1', 'env over file');
  assert.is(config.relay.compactAfterRows, 7, 'file over default');
  assert.is(config.access.sessionTtlMs, 5000);
  assert.equal(config.access.signInPerIp, { max: 4, windowMs: serviceDefaults().access.signInPerIp.windowMs });
  assert.is(config.relay.keepAliveMs, serviceDefaults().relay.keepAliveMs, 'default when nothing sets it');
  assert.is(loadServiceConfig([], { LTM_CONFIG: file }).relay.port, 1001, 'LTM_CONFIG names the file too');
});

test('the existing variable names keep working, and text becomes the setting type', () => {
  const config = loadServiceConfig([], {
    LTM_PORT: '9000',
    LTM_HOST: '0.0.0.0',
    LTM_DATA: '/var/lib/ltm',
    LTM_LOG_LEVEL: 'warn',
    LTM_SQLITE_SYNCHRONOUS: 'full',
    LTM_PUBLIC_URL: 'https://relay.example',
    LTM_TRUST_PROXY: '10.0.0.2, ::1',
    LTM_SMTP_URL: 'smtp://user:pass@mail.example:587',
    LTM_MAIL_FROM: 'Team <team@example.org>',
    LTM_STATS_TOKEN: 'a-long-enough-stats-token',
    LTM_VIEWER_AWARENESS: 'true',
    LTM_TLS_CERT: '',
  });
  assert.equal(
    [config.relay.port, config.relay.host, config.relay.dataDir, config.relay.logLevel, config.relay.sqliteSynchronous],
    [9000, '0.0.0.0', '/var/lib/ltm', 'warn', 'FULL'],
  );
  assert.equal(config.relay.trustedProxies, ['10.0.0.2', '::1']);
  assert.is(config.relay.viewerAwareness, true);
  assert.is(config.relay.tlsCertFile, null, 'an empty variable means unset');
  assert.is(config.website.smtpUrl, 'smtp://user:pass@mail.example:587');
  assert.is(config.website.statsToken, 'a-long-enough-stats-token');
  assert.is(config.access.publicUrl, 'https://relay.example', 'the public URL reaches access');
  assert.is(config.website.publicUrl, 'https://relay.example', 'and the website');
});

test('every field of the defaults objects is a setting or is listed as fixed', () => {
  const leaves: string[] = [];
  const settingPaths = new Set(SETTINGS.map((s) => s.path as string));
  const walk = (node: object, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      // A setting whose value is a whole record (the OpenID providers) is one leaf.
      if (settingPaths.has(prefix + key)) leaves.push(prefix + key);
      else if (typeof value === 'object' && value !== null && !Array.isArray(value)) walk(value, `${prefix}${key}.`);
      else leaves.push(prefix + key);
    }
  };
  walk(serviceDefaults(), '');
  const covered = new Set([...SETTINGS.map((s) => s.path), ...Object.keys(FIXED)]);
  assert.equal(leaves.filter((leaf) => !covered.has(leaf)), [], 'add one line to SETTINGS in sync-server/config-schema.ts');
  assert.equal([...covered].filter((path) => !leaves.includes(path)), [], 'a setting with no field in the defaults');
  assert.not.throws(() => resolveConfig(), 'the defaults themselves pass the schema');
});

test('names are unique, and --help lists every flag and variable with its default', () => {
  const envs = SETTINGS.map((s) => s.env);
  const flags = SETTINGS.flatMap((s) => (s.flag === null ? [] : [s.flag]));
  assert.is(new Set(envs).size, envs.length);
  assert.is(new Set(flags).size, flags.length);
  const help = helpText();
  for (const s of SETTINGS) {
    assert.ok(help.includes(s.env), s.env);
    if (s.flag !== null) assert.ok(help.includes(`--${s.flag} `), s.flag);
  }
  assert.match(help, /--port {2}LTM_PORT {2}\[relay\.port\] {2}default: 8787/);
  assert.match(help, /--config <file>/);
});

test('every default in --help and the README table reads as a value, never as [object Object]', () => {
  for (const text of [helpText(), settingsTable()]) assert.not.ok(text.includes('[object Object]'), text.split('\n').find((line) => line.includes('[object Object]')));
  assert.match(helpText(), /LTM_OIDC_<NAME>_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _LABEL {2}\[relay\.oidcProviders\] {2}default: none/);
});

test('keepAliveMs is capped so 1.5 x stays under the stock client 30 s silence timeout', () => {
  assert.is(MAX_KEEP_ALIVE_MS, 18_000);
  assert.is(resolveConfig({ keepAliveMs: 18_000 }).keepAliveMs, 18_000);
  for (const keepAliveMs of [18_001, 20_000, 0, -1]) {
    assert.throws(() => resolveConfig({ keepAliveMs }), (error: unknown) => error instanceof ConfigError && /keepAliveMs/.test(String(error)));
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
