// The sign-up mail queue against a real SMTP receiver (smtp-sink.ts) and a real relay: a mail
// refused for now (451) is retried after its delay and delivered once; the queue survives a
// restart; after the last attempt, or a permanent refusal (550), the mail is given up and the
// address deleted, so signing up again sends it; a repeated sign-up while the mail waits tries
// it at once. The relay's clock is the test's, so delays pass without waiting. The suite runs on
// SQLite and on a real PostgreSQL.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Routes } from '../../../../wire/website-routes.ts';
import { websiteDefaults, type WebsiteConfig } from '../../../../sync-server/web/website/website-config.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';
import { BACKENDS, postgresDatabases, type BackendKind } from '../web-backends.ts';
import { openForm, postForm } from './website-relay.ts';
import { startWebsiteSite, type SiteStorage, type WebsiteSite } from './website-site.ts';

const PUBLIC_URL = 'https://ltm.example';
const MINUTE = 60_000;
const TRY_LATER = '451 4.3.0 mailbox busy, try later';
const NO_SUCH_USER = '550 5.1.1 no such user';

interface World {
  storage: SiteStorage;
  sink: SmtpSink | null;
  site: WebsiteSite | null;
  clock: number;
}

const databases = postgresDatabases('mail_outbox');

async function start(w: World, overrides: Partial<WebsiteConfig> = {}, dataDir?: string): Promise<WebsiteSite> {
  w.sink ??= await startSmtpSink();
  const retry = { ...websiteDefaults.mailRetry, maxAttempts: 3 };
  const config = { smtpUrl: `${w.sink.url}/?connectionTimeout=2000`, publicUrl: PUBLIC_URL, mailRetry: retry, ...overrides };
  w.site = await startWebsiteSite(w.storage, config, { now: () => w.clock, ...(dataDir ? { dataDir } : {}) });
  return w.site;
}

/** A relay whose mail server refuses with `reply` until the test clears `sink.refusal`. */
async function startRefused(w: World, reply: string): Promise<{ site: WebsiteSite; sink: SmtpSink }> {
  const site = await start(w);
  w.sink!.refusal = reply;
  return { site, sink: w.sink! };
}

async function submit(site: WebsiteSite, email: string): Promise<number> {
  const form = await openForm(site.url);
  const res = await postForm(site.url, Routes.signUp, { email, csrf: form.token }, { cookie: form.cookie, origin: PUBLIC_URL });
  return res.status;
}

const queued = (site: WebsiteSite) => site.query('SELECT email, attempts FROM mail_outbox');
const recipients = (sink: SmtpSink) => sink.messages.map((m) => m.to.join(','));

function outboxSuite(kind: BackendKind) {
  const Outbox = suite<World>(`sign-up mail queue on ${kind}`, { storage: { kind: 'sqlite' }, sink: null, site: null, clock: 0 });

  Outbox.before.each(async (w) => {
    w.clock = Date.UTC(2026, 0, 5, 9);
    w.storage = kind === 'sqlite' ? { kind } : { kind, url: await databases.createUrl() };
  });
  Outbox.after.each(async (w) => {
    await w.site?.close();
    await w.sink?.close();
    w.site = null;
    w.sink = null;
  });
  if (kind === 'postgres') Outbox.after(() => databases.stop());

  Outbox('a mail refused for now is sent after its delay, once', async (w) => {
    const { site, sink } = await startRefused(w, TRY_LATER);
    assert.is(await submit(site, 'ana@example.com'), 303);
    assert.equal(await queued(site), [{ email: 'ana@example.com', attempts: 1 }]);

    sink.refusal = null;
    w.clock += MINUTE - 1;
    await site.website.sendDueMail();
    assert.is(sink.messages.length, 0, 'not before its delay');
    w.clock += 1;
    await site.website.sendDueMail();
    assert.equal(recipients(sink), ['ana@example.com']);
    assert.equal(await queued(site), []);
    w.clock += 60 * MINUTE;
    await site.website.sendDueMail();
    assert.is(sink.messages.length, 1, 'sent once');
  });

  Outbox('queued mail survives a restart and goes out when the relay starts again', async (w) => {
    const { site: first } = await startRefused(w, TRY_LATER);
    assert.is(await submit(first, 'ben@example.com'), 303);
    await first.stop();
    w.sink!.refusal = null;
    w.clock += 5 * MINUTE;
    const second = await start(w, {}, first.dataDir);
    assert.equal(recipients(w.sink!), ['ben@example.com']);
    assert.equal(await queued(second), []);
    assert.is(await second.count('signups'), 1);
  });

  Outbox('after the last attempt the address is deleted, and signing up again sends the mail', async (w) => {
    const { site, sink } = await startRefused(w, TRY_LATER);
    assert.is(await submit(site, 'cleo@example.com'), 303);
    for (const delay of [MINUTE, 2 * MINUTE]) {
      w.clock += delay;
      await site.website.sendDueMail();
    }
    assert.equal(await queued(site), []);
    assert.is(await site.count('signups'), 0, 'no address is kept without its mail');

    sink.refusal = null;
    assert.is(await submit(site, 'cleo@example.com'), 303);
    assert.equal(recipients(sink), ['cleo@example.com']);
  });

  Outbox('a permanent refusal gives the mail up at once', async (w) => {
    const { site } = await startRefused(w, NO_SUCH_USER);
    assert.is(await submit(site, 'nobody@example.com'), 303);
    assert.equal(await queued(site), []);
    assert.is(await site.count('signups'), 0);
  });

  Outbox('signing up again while the mail waits tries it at once', async (w) => {
    const { site, sink } = await startRefused(w, TRY_LATER);
    assert.is(await submit(site, 'dana@example.com'), 303);
    sink.refusal = null;
    assert.is(await submit(site, 'dana@example.com'), 303);
    assert.equal(recipients(sink), ['dana@example.com']);
    assert.equal(await queued(site), []);
  });

  return Outbox;
}

for (const kind of BACKENDS) outboxSuite(kind).run();
