// CPU time of one PostgreSQL cluster, read from /proc: the postmaster (found by its port on its
// command line, so other clusters on the machine are not counted), the time of backends it has
// already reaped (cutime/cstime) and that of its live children (backends, WAL writer, checkpointer).
import { readFileSync, readdirSync } from 'node:fs';

/** Kernel clock ticks per second (USER_HZ); 100 on every mainstream Linux build. */
const CLOCK_TICKS = 100;

interface Stat {
  readonly pid: number;
  readonly ppid: number;
  readonly ticks: number;
  readonly childTicks: number;
}

function readStat(pid: number): Stat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), childTicks: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null; // exited between the listing and the read
  }
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

export class PostmasterNotFoundError extends Error {
  override readonly name = 'PostmasterNotFoundError';
}

/** Seconds of CPU the cluster listening on `port` has used so far. */
export function postgresCpuSeconds(port: number): number {
  const stats = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map((name) => readStat(Number(name))).filter((s): s is Stat => s !== null);
  const postmaster = stats.find((s) => {
    const args = commandLine(s.pid);
    const p = args.indexOf('-p');
    return args[0]?.endsWith('/postgres') === true && p > 0 && args[p + 1] === String(port);
  });
  if (!postmaster) throw new PostmasterNotFoundError(`no postgres process with -p ${port}`);
  const children = stats.filter((s) => s.ppid === postmaster.pid);
  const ticks = postmaster.ticks + postmaster.childTicks + children.reduce((sum, s) => sum + s.ticks, 0);
  return ticks / CLOCK_TICKS;
}
