// Runs every uvu suite (tests/**/*.test.ts) and holds uvu to its totals. uvu reports a suite whose
// `before` hook throws as passing: the runner returns from `finally`, the error is dropped, the
// exit code stays 0, and only "Passed" falls short of "Total". This wrapper fails the run when
// any test did not run, names the suites that fell short, and ends with one plain
// "N passed, N failed" line.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ANSI = /\u001b\[[0-9;]*m/g;
const SUITE_TALLY = /^\s*(.*?)\s*[•✘\s]*\((\d+) \/ (\d+)\)\s*$/;

function count(output: string, label: string): number {
  const match = new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm').exec(output);
  return match ? Number(match[1]) : 0;
}

const child = spawn(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', 'tests', '\\.test\\.ts$', ...process.argv.slice(2)], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  output += chunk.toString('utf8');
});
child.on('close', (code, signal) => {
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
  process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  if (signal !== null || code !== 0 || !finished || failed > 0 || skipped > 0 || total === 0) {
    if (!finished) process.stderr.write('uvu stopped before it reported its totals\n');
    if (skipped > 0) process.stderr.write('skipped tests are not allowed in the suite\n');
    process.exit(code || 1);
  }
});
