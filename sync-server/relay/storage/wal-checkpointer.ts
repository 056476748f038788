// Keeps SQLite's WAL checkpoints off the event loop. better-sqlite3 is synchronous, so an
// automatic checkpoint runs inside the commit that passes the mark and stalls every socket for
// the page copies and two fsyncs. Here the relay's connection never checkpoints by itself
// (wal_autocheckpoint=0); a worker thread with its own connection to the same file runs PASSIVE
// checkpoints (wal-checkpoint-worker.ts), which never wait on the writer. The relay only counts
// commits and posts one message every checkEveryCommits of them; an idle relay sends nothing.
//
// Bound: a checkpoint that cannot finish (a reader holds an old snapshot, or the thread lags) is
// logged through the failure log once stuckAfterMs has passed without a complete one. Past
// hardLimitCommits commits without a complete checkpoint (about 12 WAL pages per group commit,
// so roughly 60,000 pages, 240 MiB at 4 KiB pages, by default) the relay's own connection
// checkpoints, as SQLite would have, again at every check until one completes: the WAL grows no
// further than that unless a reader pins it, which no checkpoint mode could avoid without waiting.
//
// A thread that dies or cannot open the file is logged once (WalCheckpointWorkerError) and the
// relay's connection goes back to SQLite's automatic checkpoints (WAL_AUTOCHECKPOINT_PAGES):
// commits, durability and readiness are the same as without the thread.
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../logger.ts';
import type { FailureLog } from '../failure-log.ts';
import { WAL_AUTOCHECKPOINT_PAGES, type SqliteDatabase } from './sqlite-database.ts';
import type { CheckpointReport, CheckpointRequest, CheckpointRow, CheckpointWorkerData } from './wal-checkpoint-messages.ts';

export class WalCheckpointWorkerError extends Error {
  override readonly name = 'WalCheckpointWorkerError';
}

export class WalCheckpointStalledError extends Error {
  override readonly name = 'WalCheckpointStalledError';
}

export interface WalCheckpointConfig {
  /** At about 12 pages per group commit, 800 commits is about SQLite's former 10,000-page mark. */
  readonly checkEveryCommits: number;
  readonly hardLimitCommits: number;
  readonly stuckAfterMs: number;
  /** The thread's own timer, for writes that are not group commits (access, website). */
  readonly backstopMs: number;
  /** How long close waits for a running checkpoint before ending the thread. */
  readonly closeTimeoutMs: number;
}

export const walCheckpointDefaults: WalCheckpointConfig = {
  checkEveryCommits: 800,
  hardLimitCommits: 5_000,
  stuckAfterMs: 60_000,
  backstopMs: 30_000,
  closeTimeoutMs: 2_000,
};

export interface WalCheckpointerDeps {
  readonly db: SqliteDatabase;
  readonly logger: Logger;
  readonly failures: FailureLog;
  readonly config?: Partial<WalCheckpointConfig>;
}

const fromSource = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./wal-checkpoint-worker${fromSource ? '.ts' : '.js'}`, import.meta.url);

/** From source (npm run relay, tests) a thread does not inherit tsx's loader, so it registers it
 *  before importing the script; the compiled relay (dist/) needs no loader. */
function startThread(workerData: CheckpointWorkerData): Worker {
  if (!fromSource) return new Worker(WORKER_URL, { workerData });
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const script = `import(${api}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(script, { eval: true, workerData });
}

export class WalCheckpointer {
  readonly #deps: WalCheckpointerDeps;
  readonly #config: WalCheckpointConfig;
  #worker: Worker | null;
  #closing = false;
  #commits = 0;
  #commitsSinceComplete = 0;
  #completeAt = performance.now();
  /** The last report, for tests and metrics. */
  lastReport: CheckpointReport | null = null;

  constructor(deps: WalCheckpointerDeps) {
    this.#deps = deps;
    this.#config = { ...walCheckpointDefaults, ...deps.config };
    deps.db.pragma('wal_autocheckpoint = 0');
    const workerData: CheckpointWorkerData = { file: deps.db.name, backstopMs: this.#config.backstopMs };
    const worker = startThread(workerData);
    worker.unref();
    worker.on('message', (report: CheckpointReport) => this.#noteReport(report));
    worker.on('error', (error) => this.#fail(error));
    worker.on('exit', (code) => {
      if (!this.#closing) this.#fail(new Error(`checkpoint thread exited with code ${code}`));
    });
    this.#worker = worker;
  }

  get running(): boolean {
    return this.#worker !== null;
  }

  /** After each committed transaction of the relay; costs a counter increment. */
  noteCommit(): void {
    this.#commitsSinceComplete++;
    if (++this.#commits < this.#config.checkEveryCommits) return;
    this.#commits = 0;
    if (this.#worker && !this.#closing) this.#worker.postMessage('checkpoint' satisfies CheckpointRequest);
    if (this.#commitsSinceComplete > this.#config.hardLimitCommits) this.#checkpointHere();
  }

  /** Ends the thread; call after the relay's last commit, before the database closes. */
  async close(): Promise<void> {
    this.#closing = true;
    const worker = this.#worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('close' satisfies CheckpointRequest);
    const timer = setTimeout(() => void worker.terminate(), this.#config.closeTimeoutMs);
    await exited;
    clearTimeout(timer);
    this.#worker = null;
  }

  #noteReport(report: CheckpointReport): void {
    this.lastReport = report;
    if (!report.busy && report.checkpointed === report.log) {
      this.#commitsSinceComplete = 0;
      this.#completeAt = performance.now();
    } else if (performance.now() - this.#completeAt > this.#config.stuckAfterMs) {
      const error = new WalCheckpointStalledError('no WAL checkpoint has completed lately; a reader may hold an old snapshot');
      this.#deps.failures.warn('WAL checkpoint cannot finish', { log: report.log, checkpointed: report.checkpointed }, error);
    }
  }

  #checkpointHere(): void {
    const [result] = this.#deps.db.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[];
    const error = new WalCheckpointStalledError(`${this.#commitsSinceComplete} commits without a complete WAL checkpoint`);
    this.#deps.failures.warn('WAL checkpointed on the relay connection', { ...result }, error);
    if (result && result.busy === 0 && result.checkpointed === result.log) this.#commitsSinceComplete = 0;
  }

  #fail(cause: unknown): void {
    if (!this.#worker) return;
    this.#worker = null;
    if (this.#deps.db.open) this.#deps.db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    const error = new WalCheckpointWorkerError('the WAL checkpoint thread failed; the relay connection checkpoints again', { cause });
    this.#deps.logger.error({ err: error }, 'WAL checkpoint thread failed');
  }
}
