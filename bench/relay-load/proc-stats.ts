// Resource use of another process, read from /proc (Linux): resident memory and CPU time, so the
// relay child is measured apart from the load generator.
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second (USER_HZ); 100 on every mainstream Linux build. */
const CLOCK_TICKS = 100;

export interface ProcStats {
  readonly rssBytes: number;
  readonly cpuSeconds: number;
  /** User time alone: the process's own work, without the kernel's share of its syscalls. */
  readonly userSeconds: number;
}

export function procStats(pid: number): ProcStats {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th overall.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssBytes: rssKb * 1024, cpuSeconds: ticks / CLOCK_TICKS, userSeconds: Number(fields[11]) / CLOCK_TICKS };
}

/** The generator's own CPU time (user + system) in seconds. */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}
