// Settings at the real command line: a bad value stops the start with exit 1 and one JSON line
// naming the setting or file (startup-errors.test.ts covers `--log-level loud` and
// `LTM_SMTP_URL=notaurl`), and a config file takes effect under the flags and variables that override it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EXIT_LIMIT_MS, failedStart, runCli } from './helpers/relay-cli.ts';
import { waitFor } from './helpers/relay-harness.ts';
import { apiClient, newCredentials } from './web/access/access-harness.ts';

const test = suite('settings at the command line');
const dir = mkdtempSync(join(tmpdir(), 'ltm-config-cli-'));

test('bad settings stop the start with one line naming the setting and its source', async () => {
  // One after another: each start compiles the relay, and the machine is shared.
  const missing = await failedStart(dir, ['--config', join(dir, 'absent.json')]);
  const unknown = await failedStart(dir, ['--max-mesage-bytes', '10']);
  assert.match(missing, /^ConfigFileError: config file .*absent\.json: ENOENT$/);
  assert.match(unknown, /^UnknownSettingError: .*Unknown option '--max-mesage-bytes'/);
});

test('a config file takes effect; a variable and a flag override it', async () => {
  const file = join(dir, 'relay.json');
  writeFileSync(file, JSON.stringify({ relay: { port: 1, logLevel: 'debug' }, access: { signUpPerIp: { max: 1 } } }));
  const cli = runCli(['--config', file, '--port', '0', '--data', join(dir, 'served')], { LTM_LOG_LEVEL: 'info' });
  try {
    await waitFor(() => cli.stdout.some((line) => line.includes('"relay listening"')), 'the relay listens', EXIT_LIMIT_MS);
    const listening = JSON.parse(cli.stdout.find((line) => line.includes('"relay listening"'))!) as { port: number };
    assert.ok(listening.port > 1, 'the flag --port 0 won over the file');
    const api = apiClient(`http://127.0.0.1:${listening.port}`);
    assert.is((await api('POST', '/api/accounts', newCredentials())).status, 201);
    assert.is((await api('POST', '/api/accounts', newCredentials())).status, 429, "the file's sign-up limit of 1 holds");
    assert.not.ok(cli.stdout.some((line) => line.includes('"level":20')), 'LTM_LOG_LEVEL=info won over the file');
  } finally {
    cli.signal('SIGTERM');
    assert.is(await cli.exited, 0);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
