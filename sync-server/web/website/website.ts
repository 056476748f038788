// The website served by the relay's HTTP server (its httpFallback): landing, privacy, sign-up
// and unsubscribe, the extension download, usage events, the uninstall page and the operator's
// stats. Unknown paths resolve false so the relay answers its JSON 404. Pages speak the language
// the request's Accept-Language picks (the stats page, for the operator, stays English), so every
// answer of a route says Vary: Accept-Language, and Content-Language names the language it is in;
// a sign-up's mail is queued in that language.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigError } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import type { HttpFallback } from '../../relay/transport/http-routes.ts';
import { FormBodyError } from './form-body.ts';
import { warnIfAborted } from '../../aborted-request.ts';
import { sendHtml, sendPlain } from './http-response.ts';
import { AddressRetention } from './address-retention.ts';
import { confirmationMail } from './confirmation-mail.ts';
import { MailSender } from './mail-sender.ts';
import { negotiateLanguage } from '../languages/accept-language.ts';
import { DEFAULT_LANGUAGE } from '../languages/site-languages.ts';
import { websiteWords, type WebsiteWords } from './messages/website-words.ts';
import { smtpMailer } from './mailer.ts';
import { outboxFileMailer } from './outbox-file-mailer.ts';
import { messagePage } from './pages/message-page.ts';
import { privacyPage } from './pages/privacy-page.ts';
import { Routes } from '../../../wire/website-routes.ts';
import { showLanding, showUnsubscribe, signUp, signUpDone, unsubscribe } from './sign-up-routes.ts';
import { serveAsset } from './static-files.ts';
import { serveExtension } from './extension-download.ts';
import { loadOrCreateStatsToken, StatsAccess } from './stats-access.ts';
import { showStats, signInToStats } from './stats-routes.ts';
import { eventsPreflight, recordEvent, uninstalled } from './usage-routes.ts';
import type { WebsiteConfig } from './website-config.ts';
import { createLimiters, type WebsiteContext } from './website-context.ts';
import { websiteStores, type WebsiteBackend } from './website-stores.ts';

/** The stores live in the relay's SQLite database (`db`) or in a PostgreSQL `pool` shared by
 *  several relays; either stays the caller's to close. */
export type WebsiteOptions = WebsiteBackend & {
  readonly dataDir: string;
  readonly config: WebsiteConfig;
  /** The relay's own listening address (http://127.0.0.1:8787), asked once mail is sent. */
  readonly ownUrl: () => string;
  readonly logger: Logger;
  readonly now?: () => number;
};

export interface Website {
  readonly handle: HttpFallback;
  readonly mailerKind: 'smtp' | 'outbox';
  /** Sends the queued mail that is due now and keeps the sender's timer for the rest. Call it
   *  once the relay listens (mail links may use its address): mail queued before a restart. */
  readonly sendDueMail: () => Promise<void>;
  /** Deletes the addresses past their retention now (also done on a timer). */
  readonly sweepExpiredAddresses: () => Promise<void>;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, w: WebsiteWords) => void | Promise<void>;
type MethodTable = Partial<Record<'GET' | 'POST' | 'OPTIONS', Handler>>;

function routeTable(ctx: WebsiteContext): ReadonlyMap<string, MethodTable> {
  return new Map<string, MethodTable>([
    [Routes.landing, { GET: (req, res, _url, w) => showLanding(ctx, req, res, w) }],
    [Routes.privacy, { GET: (_req, res, _url, w) => sendHtml(res, 200, privacyPage(ctx.config, w)) }],
    [Routes.signUp, { POST: (req, res, _url, w) => signUp(ctx, req, res, w) }],
    [Routes.signUpDone, { GET: (_req, res, _url, w) => signUpDone(res, w) }],
    [
      Routes.unsubscribe,
      {
        GET: (req, res, url, w) => showUnsubscribe(ctx, req, res, w, url.searchParams.get('token') ?? ''),
        POST: (req, res, _url, w) => unsubscribe(ctx, req, res, w),
      },
    ],
    [Routes.events, { POST: (req, res) => recordEvent(ctx, req, res), OPTIONS: (_req, res) => eventsPreflight(res) }],
    [Routes.uninstalled, { GET: (req, res, url, w) => uninstalled(ctx, req, res, w, url.searchParams.get('v')) }],
    [Routes.stats, { GET: (req, res) => showStats(ctx, req, res), POST: (req, res) => signInToStats(ctx, req, res) }],
    [
      Routes.download,
      {
        GET: async (_req, res, _url, w) => {
          if (await serveExtension(res, ctx.config.extensionZipPath, ctx.config.publicUrl, ctx.logger)) return;
          sendHtml(res, 404, messagePage({ title: w.t('notBuilt.title'), paragraphs: [w.t('notBuilt.text')] }, w));
        },
      },
    ],
  ]);
}

function checkMailTimes(config: WebsiteConfig): void {
  const { firstDelayMs, maxDelayMs, maxAttempts } = config.mailRetry;
  if (!(Number.isInteger(maxAttempts) && maxAttempts >= 1 && firstDelayMs > 0 && maxDelayMs >= firstDelayMs)) {
    throw new ConfigError('mailRetry needs maxAttempts of at least 1 and 0 < firstDelayMs <= maxDelayMs');
  }
  // A sweep interval as long as the retention would delete every address at once.
  if (!(config.retentionSweepMs > 0 && config.retentionSweepMs < config.signUpRetentionMs)) {
    throw new ConfigError('retentionSweepMs must be above 0 and below signUpRetentionMs');
  }
}

export function createWebsite(options: WebsiteOptions): Website {
  const { config } = options;
  // Links in real mail must never follow a request header (a forged Host or Origin would make
  // the relay mail phishing links), and the listening address is no public one.
  if (config.smtpUrl !== null && config.publicUrl === null) {
    throw new ConfigError('mail is sent over SMTP but the public URL is not set: set LTM_PUBLIC_URL (or --public-url) so links in mail point at this site');
  }
  checkMailTimes(config);
  const { logger } = options;
  const now = options.now ?? Date.now;
  const mailer = config.smtpUrl !== null ? smtpMailer(config.smtpUrl) : outboxFileMailer(options.dataDir, config.outboxFileName, now);
  const { signUps, outbox, counts } = websiteStores(options);
  const sender = new MailSender({
    outbox,
    mailer,
    // Composed at sending time, in the language stored with the queued mail, with links from the
    // public URL, else the relay's listening address (known once it listens); never from a
    // request header.
    compose: (mail) =>
      confirmationMail(websiteWords(mail.language), {
        from: config.mailFrom,
        to: mail.email,
        baseUrl: config.publicUrl ?? options.ownUrl(),
        unsubscribeToken: mail.unsubscribeToken,
        retentionMs: config.signUpRetentionMs,
      }),
    retry: config.mailRetry,
    logger,
    now,
  });
  const retention = new AddressRetention({ signUps, mailer, retentionMs: config.signUpRetentionMs, sweepMs: config.retentionSweepMs, logger, now });
  const ctx: WebsiteContext = {
    config,
    logger,
    signUps,
    counts,
    sender,
    retention,
    stats: new StatsAccess(loadOrCreateStatsToken(config.statsToken, options.dataDir, config.statsTokenFileName)),
    limits: createLimiters(config),
    now,
  };
  const routes = routeTable(ctx);
  retention.start();

  const handle: HttpFallback = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://site');
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (method === 'GET' && url.pathname.startsWith(Routes.assets)) {
      return serveAsset(res, url.pathname.slice(Routes.assets.length));
    }
    const table = routes.get(url.pathname);
    if (!table) return false;
    const handler = table[method as keyof MethodTable];
    if (!handler) {
      sendPlain(res, 405, 'method not allowed', { allow: Object.keys(table).join(', ') });
      return true;
    }
    const lang = url.pathname === Routes.stats ? DEFAULT_LANGUAGE : negotiateLanguage(req.headers['accept-language']);
    const w = websiteWords(lang);
    // Set before any handler writes its head, so every answer (page, redirect, error) carries them.
    res.setHeader('vary', 'Accept-Language');
    res.setHeader('content-language', lang);
    try {
      await handler(req, res, url, w);
    } catch (error) {
      if (res.headersSent) throw error;
      if (error instanceof FormBodyError) {
        sendHtml(res, error.status, messagePage({ title: w.t('refused.title'), paragraphs: [w.t('unreadable.text')] }, w));
        return true;
      }
      if (warnIfAborted(logger, req, url.pathname, error)) return true;
      // A page, not the API's JSON: people read these answers in a browser.
      logger.error({ method: req.method, path: url.pathname, err: error }, 'website request failed');
      sendHtml(res, 500, messagePage({ title: w.t('failed.title'), paragraphs: [w.t('failed.text')] }, w));
    }
    return true;
  };

  return {
    handle,
    mailerKind: mailer.kind,
    sendDueMail: () => sender.flush(),
    sweepExpiredAddresses: () => retention.sweep(),
    async close() {
      retention.stop();
      await sender.close();
      mailer.close();
    },
  };
}
