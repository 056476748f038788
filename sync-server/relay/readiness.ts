// Readiness: whether the store can commit. Liveness (/healthz) only says the process answers;
// readiness (/readyz, and the ltm_store_ready gauge) says whether it can keep what it is sent,
// so a load balancer or orchestrator stops routing writers to a relay whose disk is full.
// Every group commit reports its outcome; when none did lately, a probe commit (the store's own,
// if it has one) answers, at most once per probeIntervalMs, so a flood of /readyz costs no more.
// A change of state is logged once, not per request.
import type { Logger } from '../logger.ts';

export type CommitProbe = () => Promise<void>;

export interface ReadinessDeps {
  readonly probe: CommitProbe | null;
  readonly probeIntervalMs: number;
  readonly logger: Logger;
  readonly onChange: (ready: boolean) => void;
  readonly now?: () => number;
}

export class Readiness {
  readonly #deps: ReadinessDeps;
  #ready = true;
  #knownAt = Number.NEGATIVE_INFINITY;
  #probing: Promise<boolean> | null = null;

  constructor(deps: ReadinessDeps) {
    this.#deps = deps;
    deps.onChange(true);
  }

  /** A commit's outcome (group commit, probe). */
  record(error: unknown | null): void {
    this.#knownAt = (this.#deps.now ?? Date.now)();
    const ready = error === null;
    if (ready === this.#ready) return;
    this.#ready = ready;
    this.#deps.onChange(ready);
    if (ready) this.#deps.logger.info('store commits again; ready');
    else this.#deps.logger.error({ err: error }, 'store cannot commit; not ready');
  }

  /** The current answer: the last outcome if recent enough, else a fresh probe's. */
  async check(): Promise<boolean> {
    const { probe, probeIntervalMs, now = Date.now } = this.#deps;
    if (probe === null || now() - this.#knownAt < probeIntervalMs) return this.#ready;
    this.#probing ??= probe().then(
      () => this.record(null),
      (error: unknown) => this.record(error),
    ).then(() => {
      this.#probing = null;
      return this.#ready;
    });
    return this.#probing;
  }
}
