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
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

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
};
