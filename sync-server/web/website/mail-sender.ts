// Delivers the queued sign-up mail (MailOutbox) through the mailer. A mail is deleted from the
// queue once handed over; a failed attempt is retried with doubling delays, so mail survives an
// SMTP outage and a restart (the queue is in the database). After the last attempt, or at once
// on a permanent (5xx) refusal, the mail is given up and its address deleted with it, so the
// person can sign up again. Delivery is at least once: if the database cannot record a sent
// mail, that mail may be sent again later. The outbox claims each mail for its attempt, so
// several relays sending from one database never hand one mail over twice.
import type { Logger } from '../../logger.ts';
import type { MailOutbox, MailOutcome, QueuedMail } from './mail-outbox.ts';
import type { Mailer, OutgoingMail } from './mailer.ts';
import type { MailRetry } from './website-config.ts';

export interface MailSenderDeps {
  readonly outbox: MailOutbox;
  readonly mailer: Mailer;
  readonly compose: (mail: QueuedMail) => OutgoingMail;
  readonly retry: MailRetry;
  readonly logger: Logger;
  readonly now: () => number;
}

/** setTimeout's limit; a later mail is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What a mail server's refusal says, without the message text (it can quote the address). */
function failureOf(error: unknown): { code?: string; responseCode?: number } {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return { ...(typeof code === 'string' ? { code } : {}), ...(typeof responseCode === 'number' ? { responseCode } : {}) };
}

export class MailSender {
  readonly #deps: MailSenderDeps;
  #running: Promise<void> | null = null;
  #again = false;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  /** After a store failure nothing is tried before this time, so a mail that was sent but could
   *  not be recorded is not re-sent in a tight loop. */
  #pausedUntil = 0;

  constructor(deps: MailSenderDeps) {
    this.#deps = deps;
  }

  /** Sends every mail that is due now; resolves when the queue has nothing more due. */
  flush(): Promise<void> {
    if (this.#closed || this.#deps.now() < this.#pausedUntil) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#drain().finally(() => {
      this.#running = null;
      void this.#schedule();
    });
    return this.#running;
  }

  /** Stops the timer and waits for an attempt under way. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  async #drain(): Promise<void> {
    const { outbox, logger, now } = this.#deps;
    do {
      this.#again = false;
      try {
        let more = true;
        while (more && !this.#closed) more = await outbox.sendNext(now(), (mail) => this.#attempt(mail));
      } catch (error) {
        // The queue could not be read or updated (the store cannot commit): the timer tries later.
        this.#pausedUntil = now() + this.#deps.retry.firstDelayMs;
        logger.error({ err: error }, 'mail queue unavailable; retrying later');
        return;
      }
    } while (this.#again && !this.#closed);
  }

  async #attempt(mail: QueuedMail): Promise<MailOutcome> {
    const { mailer, logger, retry, now } = this.#deps;
    try {
      await mailer.send(this.#deps.compose(mail));
    } catch (error) {
      const failure = failureOf(error);
      const attempts = mail.attempts + 1;
      const permanent = failure.responseCode !== undefined && failure.responseCode >= 500;
      if (permanent || attempts >= retry.maxAttempts) {
        logger.warn({ mailId: mail.mailId, attempts, mailer: mailer.kind, ...failure }, 'sign-up mail given up; address deleted');
        return { kind: 'abandon' };
      }
      const delayMs = Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** (attempts - 1));
      logger.warn({ mailId: mail.mailId, attempts, retryInMs: delayMs, mailer: mailer.kind, ...failure }, 'sign-up mail failed; will retry');
      return { kind: 'retry', attempts, at: now() + delayMs };
    }
    logger.info({ mailId: mail.mailId, attempts: mail.attempts + 1, mailer: mailer.kind }, 'sign-up mail sent');
    return { kind: 'sent' };
  }

  async #schedule(): Promise<void> {
    if (this.#closed) return;
    let next: number | null;
    try {
      next = await this.#deps.outbox.nextDueAt();
    } catch {
      next = this.#deps.now() + this.#deps.retry.firstDelayMs;
    }
    // A flush may have started or the sender closed while the queue was read; it schedules itself.
    if (this.#closed || this.#running) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (next === null) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, next - this.#deps.now(), this.#pausedUntil - this.#deps.now()));
    this.#timer = setTimeout(() => void this.flush(), delay);
    this.#timer.unref();
  }
}
