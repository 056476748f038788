// The website's tunables in one `defaults` object; the CLI overrides a few from the environment
// (env.ts), tests override limits and paths. Times are milliseconds.
import { installPath } from '../../install-root.ts';
import type { RateWindow } from '../access/access-config.ts';

export interface WebsiteConfig {
  /** Absolute base URL of the site (https://relay.example). Links in emails and the Origin check
   *  use it. Required with SMTP; without it (outbox only) mail links use the relay's listening
   *  address and the Origin check follows the Host header, which suits local use only. */
  readonly publicUrl: string | null;
  /** nodemailer transport URL (smtp://user:pass@host:587); without it mail goes to the outbox. */
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  /** The stats page's token; without it one is read from (or created in) the data directory. */
  readonly statsToken: string | null;
  readonly statsTokenFileName: string;
  readonly outboxFileName: string;
  /** The packaged extension offered for download. */
  readonly extensionZipPath: string;
  readonly signUpPerIp: RateWindow;
  readonly eventsPerIp: RateWindow;
  readonly statsSignInPerIp: RateWindow;
  readonly limiterMaxKeys: number;
  readonly maxFormBytes: number;
  readonly statsCookieTtlMs: number;
  /** Days shown on the stats page. */
  readonly statsDays: number;
  /** Delivery of queued sign-up mail: the delay doubles from first to max after each failure;
   *  after maxAttempts (or a permanent 5xx refusal) the mail is given up and its address deleted. */
  readonly mailRetry: MailRetry;
  /** How long a sign-up request waits for its mail's first attempt before answering (the mail
   *  is queued durably either way; this only makes "check your inbox" true in the usual case). */
  readonly mailFirstAttemptWaitMs: number;
  /** A sign-up's address is deleted this long after it was given (its mail is sent well before). */
  readonly signUpRetentionMs: number;
  /** How often expired addresses are deleted; each sweep also takes those that would expire
   *  before the next one, so none is kept past signUpRetentionMs. */
  readonly retentionSweepMs: number;
}

export interface MailRetry {
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const websiteDefaults: WebsiteConfig = {
  publicUrl: null,
  smtpUrl: null,
  mailFrom: 'LeaveTheMeeting <no-reply@localhost>',
  statsToken: null,
  statsTokenFileName: 'stats-token',
  outboxFileName: 'outbox.jsonl',
  extensionZipPath: installPath('dist', 'leavethemeeting-extension.zip'),
  signUpPerIp: { max: 5, windowMs: 10 * MINUTE },
  eventsPerIp: { max: 120, windowMs: MINUTE },
  statsSignInPerIp: { max: 10, windowMs: HOUR },
  limiterMaxKeys: 10_000,
  maxFormBytes: 8 * 1024,
  statsCookieTtlMs: 12 * HOUR,
  statsDays: 30,
  // 1, 2, 4, ... 60 minutes: ten attempts span about five hours.
  mailRetry: { firstDelayMs: MINUTE, maxDelayMs: HOUR, maxAttempts: 10 },
  mailFirstAttemptWaitMs: 5_000,
  signUpRetentionMs: 7 * DAY,
  retentionSweepMs: HOUR,
};
