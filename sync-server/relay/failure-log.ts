// Logs failures that repeat without flooding the log. A full disk fails every commit, and every
// stock client retries within a few hundred milliseconds, so the same failure comes back many
// times a second. Each kind (the message plus the error's code or name) is logged at most once
// per interval, with its stack, and the next line says how many were left out in between.
import type { Logger } from '../logger.ts';

interface KindState {
  loggedAt: number;
  suppressed: number;
}

function errorKind(error: unknown): string {
  if (error instanceof Error) return String((error as Error & { code?: unknown }).code ?? error.name);
  return typeof error;
}

export class FailureLog {
  readonly #logger: Logger;
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #kinds = new Map<string, KindState>();

  constructor(logger: Logger, intervalMs: number, now: () => number = () => performance.now()) {
    this.#logger = logger;
    this.#intervalMs = intervalMs;
    this.#now = now;
  }

  error(message: string, context: Record<string, unknown>, error: unknown): void {
    this.#log('error', message, context, error);
  }

  warn(message: string, context: Record<string, unknown>, error: unknown): void {
    this.#log('warn', message, context, error);
  }

  #log(level: 'error' | 'warn', message: string, context: Record<string, unknown>, error: unknown): void {
    const kind = `${message}: ${errorKind(error)}`;
    const now = this.#now();
    const state = this.#kinds.get(kind);
    if (state && now - state.loggedAt < this.#intervalMs) {
      state.suppressed++;
      return;
    }
    const suppressed = state?.suppressed ?? 0;
    this.#kinds.set(kind, { loggedAt: now, suppressed: 0 });
    this.#logger[level]({ ...context, kind, ...(suppressed > 0 ? { suppressed } : {}), err: error }, message);
  }
}
