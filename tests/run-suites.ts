// Runs every uvu suite (tests/**/*.test.ts) and holds uvu to its totals. uvu reports a suite whose
// `before` hook throws as passing: the runner returns from `finally`, the error is dropped, the
// exit code stays 0, and only "Passed" falls short of "Total". This wrapper fails the run when
// any test did not run, names the suites that fell short, and ends with one plain
// "N passed, N failed" line. It also stops a run in which no test has finished for a long time
// (a test waiting on something that never comes would otherwise hang CI for ever), naming the
// suite it stalled in, and takes every process the suites started down with it. At the end it
// names the slowest suites, so the whole run can be kept within its time.
// Options (for its own test): --dir=, --pattern= (what uvu runs), --idle-limit-ms=.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ANSI = /\u001b\[[0-9;]*m/g;
const SUITE_TALLY = /^\s*(.*?)\s*[•✘\s]*\((\d+) \/ (\d+)\)\s*$/;
const SUITE_FILE = /^\s*(\S+\.ts)\s*$/gm;
const SLOWEST_SHOWN = 8;
const OWN_OPTION = /^--(dir|pattern|idle-limit-ms)=(.*)$/;
// uvu writes a dot as each test finishes; the slowest tests (a relay killed and restarted twenty
// times, on 2 busy cores) take a few minutes.
const IDLE_LIMIT_MS = 8 * 60_000;

const own = new Map(process.argv.slice(2).flatMap((arg) => {
  const m = OWN_OPTION.exec(arg);
  return m ? [[m[1]!, m[2]!] as const] : [];
}));
const passOn = process.argv.slice(2).filter((arg) => !OWN_OPTION.test(arg));
const idleLimitMs = Number(own.get('idle-limit-ms') ?? IDLE_LIMIT_MS);

function count(output: string, label: string): number {
  const match = new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm').exec(output);
  return match ? Number(match[1]) : 0;
}

// Its own process group, so that a stall or a signal ends the relays, browsers and databases the
// suites started, not only uvu.
const child = spawn(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', own.get('dir') ?? 'tests', own.get('pattern') ?? '\\.test\\.ts$', ...passOn], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});
const killGroup = (signal: NodeJS.Signals) => {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => killGroup(signal));

let output = '';
let lastOutputAt = Date.now();
let suite = '(before the first suite)';
// When each suite's file was announced; a suite lasts until the next one starts.
const suiteStarts: { readonly file: string; readonly at: number }[] = [];
let stalled = false;
child.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  const text = chunk.toString('utf8');
  output += text;
  lastOutputAt = Date.now();
  for (const [, file] of text.replace(ANSI, '').matchAll(SUITE_FILE)) {
    suite = file!;
    suiteStarts.push({ file: suite, at: lastOutputAt });
  }
});
const watchdog = setInterval(() => {
  if (stalled || Date.now() - lastOutputAt < idleLimitMs) return;
  stalled = true;
  process.stderr.write(`\nno test finished for ${Math.round(idleLimitMs / 1000)} s: the run stalled in ${suite}; stopping it\n`);
  killGroup('SIGKILL');
}, Math.min(10_000, Math.max(100, idleLimitMs / 4)));

function slowestSuites(endedAt: number): string {
  const timed = suiteStarts.map((start, i) => ({ file: start.file, ms: (suiteStarts[i + 1]?.at ?? endedAt) - start.at }));
  const slowest = timed.sort((a, b) => b.ms - a.ms).slice(0, SLOWEST_SHOWN);
  if (slowest.length === 0) return '';
  return `slowest suites:\n${slowest.map((t) => `  ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.file}`).join('\n')}\n`;
}

child.on('close', (code, signal) => {
  clearInterval(watchdog);
  const plain = output.replace(ANSI, '');
  const total = count(plain, 'Total');
  const passed = count(plain, 'Passed');
  const skipped = count(plain, 'Skipped');
  const shortSuites = plain
    .split('\n')
    .map((line) => SUITE_TALLY.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) < Number(m[3]) && !m[0].includes('✘'));
  for (const m of shortSuites) {
    process.stderr.write(`suite "${m[1]}" ran ${m[2]} of ${m[3]} tests without a failing test: its before hook threw\n`);
  }
  const failed = total - passed - skipped;
  const finished = /^\s*Total:/m.test(plain);
  process.stdout.write(`\n${slowestSuites(Date.now())}${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  if (stalled || signal !== null || code !== 0 || !finished || failed > 0 || skipped > 0 || total === 0) {
    if (!finished) process.stderr.write('uvu stopped before it reported its totals\n');
    if (skipped > 0) process.stderr.write('skipped tests are not allowed in the suite\n');
    process.exit(code || 1);
  }
});
