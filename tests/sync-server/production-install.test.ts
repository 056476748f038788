// The install and run commands, in a copy of the repository: `npm start` (the README's command)
// builds, then serves and prints where things are, without the build's old noise, and stops on
// SIGTERM leaving no process and a free port. Then `npm prune --omit=dev` removes tsx, esbuild,
// TypeScript and every @types package, and `npx ltm-relay` (the package's bin, compiled JS)
// serves the website, the account page, the viewer, the API and websocket sync, and stops on
// Ctrl-C (SIGINT to its process group: npx runs the bin under a dash that passes no signal on).
// Run directly, as deploy/ runs it, the bin stops on SIGTERM to its own pid.
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import readline from 'node:readline';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { groupAlive, killGroup, portRefuses } from './helpers/process-group.ts';
import { copyRepository } from './helpers/repo-copy.ts';
import { destroyProvider, stockProvider } from './helpers/stock-provider.ts';
import { docName, waitFor } from './helpers/relay-harness.ts';
import { spawnListening, type RelayProcess } from './helpers/relay-process.ts';
import { apiClient } from './web/access/access-harness.ts';

const BUILD_LIMIT_MS = 10 * 60_000;
const DEV_ONLY = ['tsx', 'esbuild', 'typescript', 'vite', 'svelte'];

const Install = suite<{ repo: string }>('production install', { repo: '' });

Install.before((ctx) => {
  ctx.repo = copyRepository();
});

/** npx records the package it runs in its cache; one beside the copy goes away with it. */
const npxEnv = (repo: string): NodeJS.ProcessEnv => ({ ...process.env, npm_config_cache: join(dirname(repo), 'npm-cache') });
Install.after((ctx) => {
  if (ctx.repo) rmSync(dirname(ctx.repo), { recursive: true, force: true });
});

async function stopCleanly(relay: RelayProcess, signal: NodeJS.Signals, to: 'process' | 'group' = 'process'): Promise<void> {
  if (to === 'group') process.kill(-relay.pid, signal);
  else relay.child.kill(signal);
  await waitFor(() => relay.child.exitCode !== null || relay.child.signalCode !== null, `exit after ${signal}`, 20_000);
  await waitFor(() => !groupAlive(relay.pid), 'no process of the command left');
  assert.ok(relay.lines.some((line) => line.includes('"relay stopped"')), 'the relay did not stop cleanly');
  // The compiled relay must ship its checkpoint thread's script (nothing imports it).
  assert.not.ok(relay.lines.some((line) => line.includes('WalCheckpointWorkerError')), 'the WAL checkpoint thread did not start');
  assert.ok(await portRefuses(relay.port), 'something still listens on the port');
}

async function syncs(relay: RelayProcess): Promise<void> {
  const api = apiClient(relay.httpUrl);
  const account = await api('POST', '/api/accounts', { email: 'install@example.org', password: 'a long install passphrase', name: 'Install' });
  assert.is(account.status, 201, JSON.stringify(account.json));
  const doc = docName();
  const { token } = (await api('POST', '/api/tokens', { doc }, account.json.session)).json;
  const providers = [0, 1].map(
    () => stockProvider(relay.url, doc, token),
  );
  try {
    await waitFor(() => providers.every((p) => p.synced), 'both synced');
    providers[0]!.doc.getText('notes').insert(0, 'compiled relay');
    await waitFor(() => providers[1]!.doc.getText('notes').toString() === 'compiled relay', 'the other client got it');
  } finally {
    for (const p of providers) destroyProvider(p);
  }
}

Install('npm start builds, serves, says where things are, and stops on SIGTERM', async ({ repo }) => {
  const dataDir = join(repo, 'start-data');
  const relay = await spawnListening('npm', ['start', '--', '--port', '0', '--host', '127.0.0.1', '--data', dataDir], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    startLimitMs: BUILD_LIMIT_MS,
  });
  const stderr: string[] = [];
  readline.createInterface({ input: relay.child.stderr! }).on('line', (line) => stderr.push(line));
  try {
    await waitFor(() => stderr.some((line) => line.includes('mail outbox:')), 'the start summary');
    const output = [...relay.lines, ...stderr].join('\n');
    assert.not.match(output, /no Svelte config found/);
    assert.not.match(output, /PLUGIN_TIMINGS|plugin timings/i);
    const summary = stderr.join('\n');
    assert.ok(summary.includes(`Open ${relay.httpUrl}/`), summary);
    assert.ok(summary.includes(`data directory: ${dataDir}`), summary);
    assert.ok(summary.includes(join(dataDir, 'stats-token')), summary);
    assert.ok(summary.includes(join(dataDir, 'outbox.jsonl')), summary);
    assert.ok(existsSync(join(repo, 'dist', 'server', 'sync-server', 'main.js')));
    await syncs(relay);
    await stopCleanly(relay, 'SIGTERM');
  } finally {
    killGroup(relay.pid);
  }
});

Install('after npm prune --omit=dev, npx ltm-relay serves everything from compiled JavaScript', async ({ repo }) => {
  assert.ok(existsSync(join(repo, 'dist', 'server')), 'the previous test builds the copy');
  execFileSync('npm', ['prune', '--omit=dev'], { cwd: repo, stdio: 'ignore' });
  for (const name of DEV_ONLY) assert.not.ok(existsSync(join(repo, 'node_modules', name)), `${name} survived the prune`);
  const types = join(repo, 'node_modules', '@types');
  assert.ok(!existsSync(types) || execFileSync('ls', ['-A', types], { encoding: 'utf8' }).trim() === '', '@types packages survived the prune');

  const env = npxEnv(repo);
  assert.is(execFileSync('npx', ['ltm-relay', '--version'], { cwd: repo, env, encoding: 'utf8' }).trim(), '0.1.0');
  assert.match(execFileSync('npx', ['ltm-relay', '--help'], { cwd: repo, env, encoding: 'utf8' }), /LTM_DATA/);
  const dataDir = join(repo, 'pruned-data');
  const relay = await spawnListening('npx', ['ltm-relay', '--port', '0', '--host', '127.0.0.1', '--data', dataDir], { cwd: repo, env, detached: true });
  try {
    const get = async (path: string) => {
      const res = await fetch(relay.httpUrl + path);
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
    };
    assert.is((await get('/healthz')).status, 200);
    assert.match((await get('/')).type, /text\/html/);
    assert.match((await get('/account')).body, /account\.js/);
    const script = await get('/account/account.js');
    assert.is(script.status, 200);
    assert.match(script.type, /javascript/);
    assert.is((await get('/download/leavethemeeting.zip')).status, 200);
    assert.match((await get(`/m/${docName().slice('meeting/'.length)}`)).type, /text\/html/);
    await syncs(relay);
    await stopCleanly(relay, 'SIGINT', 'group');
  } finally {
    killGroup(relay.pid);
  }
  const check = execFileSync('npx', ['ltm-relay', 'check', '--data', dataDir], { cwd: repo, env, encoding: 'utf8' });
  assert.match(check, /integrity_check: ok/);
});

Install('the bin run directly, as deploy/ runs it, stops on SIGTERM to its pid', async ({ repo }) => {
  const bin = join(repo, 'dist', 'server', 'sync-server', 'main.js');
  assert.not.ok(existsSync(join(repo, 'node_modules', 'tsx')), 'runs in the pruned copy');
  const dataDir = join(repo, 'bin-data');
  const relay = await spawnListening(bin, ['--port', '0', '--host', '127.0.0.1', '--data', dataDir], { cwd: repo, detached: true });
  try {
    assert.is((await fetch(`${relay.httpUrl}/healthz`)).status, 200);
    await stopCleanly(relay, 'SIGTERM');
  } finally {
    killGroup(relay.pid);
  }
});

Install.run();
