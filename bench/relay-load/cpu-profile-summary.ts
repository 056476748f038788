// Reads a V8 .cpuprofile (node --cpu-prof) and prints where the time went: self time by
// function (name, file:line), the largest first, with each one's share of the non-idle samples.
// Used to find what the relay's per-update path spends: `node --import tsx
// bench/relay-load/cpu-profile-summary.ts <file.cpuprofile> [rows]`.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface SelfTime {
  readonly fn: string;
  readonly ms: number;
  readonly share: number;
}

/** Not work: the event loop waiting, the profiler itself. */
const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

/** sinceUs: only samples from this monotonic time on (µs, as process.hrtime and V8 count). */
export function selfTimes(profile: CpuProfile, sinceUs = 0): { rows: SelfTime[]; busyMs: number; gcMs: number } {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byFn = new Map<string, number>();
  let busy = 0;
  let gc = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id)!;
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (at < sinceUs) return;
    if (frame.functionName === '(garbage collector)') gc += us;
    if (IDLE.has(frame.functionName) && frame.functionName !== '(garbage collector)') return;
    busy += us;
    const file = frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(sync-server|wire)\//, '$1/');
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
  });
  const rows = [...byFn].map(([fn, us]) => ({ fn, ms: us / 1000, share: us / busy })).sort((a, b) => b.ms - a.ms);
  return { rows, busyMs: busy / 1000, gcMs: gc / 1000 };
}

export function printSummary(file: string, limit = 40, sinceUs = 0): void {
  const { rows, busyMs, gcMs } = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, sinceUs);
  console.log(`${file}: busy ${busyMs.toFixed(0)} ms (of which GC ${gcMs.toFixed(0)} ms)`);
  for (const row of rows.slice(0, limit)) console.log(`${(row.share * 100).toFixed(1).padStart(5)} %  ${row.ms.toFixed(0).padStart(6)} ms  ${row.fn}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: cpu-profile-summary.ts <file.cpuprofile> [rows]');
  printSummary(file, Number(process.argv[3] ?? 40));
}
