// Keeps no sign-up address past the time the privacy page states: a sign-up (and its queued
// mail, which cascades) is deleted signUpRetentionMs after it was given, and so are the outbox
// file's lines. A sweep runs at start and every retentionSweepMs; each takes what would expire
// before the next sweep too, so nothing outlives the stated time. Unsubscribing forgets the
// address at once, in every place.
import type { Logger } from '../../logger.ts';
import type { Mailer } from './mailer.ts';
import type { SignUpStore } from './signup-store.ts';

export interface AddressRetentionDeps {
  readonly signUps: SignUpStore;
  readonly mailer: Mailer;
  readonly retentionMs: number;
  readonly sweepMs: number;
  readonly logger: Logger;
  readonly now: () => number;
}

export class AddressRetention {
  readonly #deps: AddressRetentionDeps;
  #timer: NodeJS.Timeout | null = null;

  constructor(deps: AddressRetentionDeps) {
    this.#deps = deps;
  }

  start(): void {
    void this.sweep();
    this.#timer = setInterval(() => void this.sweep(), this.#deps.sweepMs);
    this.#timer.unref();
  }

  /** Everything given at or before this time must go in this sweep. */
  #cutoff(): number {
    return this.#deps.now() + this.#deps.sweepMs - this.#deps.retentionMs;
  }

  async sweep(): Promise<void> {
    const { signUps, mailer, logger } = this.#deps;
    const cutoff = this.#cutoff();
    try {
      const removed = await signUps.removeGivenUpTo(cutoff);
      await mailer.forget(null, cutoff);
      if (removed > 0) logger.info({ removed }, 'expired sign-ups deleted');
    } catch (error) {
      logger.error({ err: error }, 'expired sign-ups not deleted; retrying at the next sweep');
    }
  }

  /** After an unsubscribe: the mailer's copies of the address go too. */
  async forget(email: string): Promise<void> {
    await this.#deps.mailer.forget(email, this.#cutoff());
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }
}
