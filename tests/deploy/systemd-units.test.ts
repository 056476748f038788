// The systemd units deploy/ ships are checked by systemd itself: `systemd-analyze verify` on each
// unit, with the install prefix (/opt/leavethemeeting) pointed at this checkout, so the ExecStart
// paths resolve to the built relay. Verify exits 0 even for an unknown or misspelled key, so the
// test also holds it to saying nothing at all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = join(import.meta.dirname, '../..');
const UNITS_DIR = join(ROOT, 'deploy/systemd');
const INSTALL_PREFIX = '/opt/leavethemeeting';
const RELAY_BIN = join(ROOT, 'dist/server/sync-server/main.js');

class SystemdCheckSetupError extends Error {
  override name = 'SystemdCheckSetupError';
}

const test = suite('systemd units');
let dir = '';

test.before(() => {
  if (!existsSync(RELAY_BIN)) throw new SystemdCheckSetupError(`no built relay at ${RELAY_BIN}; run \`npm run build\` first`);
  if (spawnSync('systemd-analyze', ['--version']).status !== 0) throw new SystemdCheckSetupError('systemd-analyze is missing (Debian: apt-get install systemd)');
  dir = mkdtempSync(join(tmpdir(), 'ltm-systemd-'));
});

test.after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function verify(names: readonly string[]): { status: number | null; output: string } {
  for (const name of names) writeFileSync(join(dir, name), readFileSync(join(UNITS_DIR, name), 'utf8').replaceAll(INSTALL_PREFIX, ROOT));
  const run = spawnSync('systemd-analyze', ['verify', ...names.map((name) => join(dir, name))], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}

test('every unit in deploy/systemd passes systemd-analyze verify without a word', () => {
  const units = readdirSync(UNITS_DIR).filter((name) => /\.(service|timer)$/.test(name)).sort();
  assert.equal(units, ['ltm-relay-backup.service', 'ltm-relay-backup.timer', 'ltm-relay.service']);
  const { status, output } = verify(units);
  assert.is(output, '');
  assert.is(status, 0);
});

test('the check itself notices a misspelled key', () => {
  const name = 'misspelled.service';
  const text = readFileSync(join(UNITS_DIR, 'ltm-relay.service'), 'utf8').replaceAll(INSTALL_PREFIX, ROOT).replace('ProtectClock=yes', 'ProtectClok=yes');
  writeFileSync(join(dir, name), text);
  const run = spawnSync('systemd-analyze', ['verify', join(dir, name)], { encoding: 'utf8' });
  assert.match(`${run.stdout}${run.stderr}`, /Unknown key 'ProtectClok'/);
});

test.run();
