// No sign-up address outlives what the privacy page states. Unsubscribing deletes it at once
// from the table, the mail queue and the outbox file, and from the bytes of the database and WAL
// files (deleted rows are zeroed, old WAL frames truncated), not only from parsed rows and lines;
// a sent mail's address is kept for the removal link and then, by the stated time, is gone from
// every place; a mail still queued then goes with its address. The relay's clock is the test's.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '../../../../sync-server/config.ts';
import { DATABASE_FILE } from '../../../../sync-server/relay/storage/sqlite-database.ts';
import { websiteWords } from '../../../../sync-server/web/website/messages/website-words.ts';
import { websiteDefaults, type WebsiteConfig } from '../../../../sync-server/web/website/website-config.ts';
import { Routes } from '../../../../wire/website-routes.ts';
import { startSmtpSink } from './smtp-sink.ts';
import { openForm, postForm, startWebsiteRelay, type WebsiteRelay } from './website-relay.ts';

const DAY = 24 * 3_600_000;

interface World {
  site: WebsiteRelay | null;
  clock: number;
}

const Retention = suite<World>('sign-up address retention', { site: null, clock: 0 });

Retention.before.each((w) => {
  w.clock = Date.UTC(2026, 0, 5, 9);
});
Retention.after.each(async (w) => {
  await w.site?.close();
  w.site = null;
});

async function start(w: World, overrides: Partial<WebsiteConfig> = {}): Promise<WebsiteRelay> {
  w.site = await startWebsiteRelay(overrides, { now: () => w.clock });
  return w.site;
}

async function submit(site: WebsiteRelay, email: string, origin?: string): Promise<void> {
  const form = await openForm(site.url);
  const res = await postForm(site.url, Routes.signUp, { email, csrf: form.token }, { cookie: form.cookie, ...(origin ? { origin } : {}) });
  assert.is(res.status, 303);
}

/** Every place the website keeps an address, and whether it is there. */
function placesHolding(site: WebsiteRelay, email: string): string[] {
  const places: string[] = [];
  if (site.db.prepare('SELECT 1 FROM signups WHERE email = ?').get(email)) places.push('signups');
  if (site.db.prepare('SELECT 1 FROM mail_outbox WHERE email = ?').get(email)) places.push('mail_outbox');
  for (const name of [websiteDefaults.outboxFileName, DATABASE_FILE, `${DATABASE_FILE}-wal`]) {
    const file = join(site.dataDir, name);
    if (existsSync(file) && readFileSync(file).includes(email)) places.push(name);
  }
  return places;
}

Retention('unsubscribing removes the address from the table, the queue and the outbox file', async (w) => {
  const site = await start(w);
  await submit(site, 'ana@example.com');
  await submit(site, 'ben@example.com');
  assert.equal(placesHolding(site, 'ana@example.com').slice(0, 2), ['signups', 'outbox.jsonl']);

  const link = site.outbox().find((mail) => mail.to === 'ana@example.com')!.text.match(/http\S+\/unsubscribe\?token=[\w-]+/)![0];
  const form = await openForm(link);
  const res = await postForm(site.url, Routes.unsubscribe, { token: new URL(link).searchParams.get('token')!, csrf: form.token }, { cookie: form.cookie });
  assert.is(res.status, 200);
  assert.equal(placesHolding(site, 'ana@example.com'), []);
  assert.equal(placesHolding(site, 'ben@example.com').slice(0, 2), ['signups', 'outbox.jsonl'], 'others are kept');
});

Retention('a sent mail leaves no address past the time the privacy page states', async (w) => {
  const site = await start(w);
  const page = await (await fetch(new URL(Routes.privacy, site.url))).text();
  const stated = websiteWords('en').duration(websiteDefaults.signUpRetentionMs);
  assert.is(stated, '7 days');
  assert.match(page, new RegExp(`deleted at the latest ${stated} after the email with the link is sent`));

  const sentAt = w.clock;
  await submit(site, 'ana@example.com');
  assert.match(site.outbox()[0]!.text, new RegExp(`for ${stated}\\s+at most; then they are deleted`), 'the mail says it too');
  w.clock = sentAt + DAY;
  await site.website.sweepExpiredAddresses();
  assert.equal(placesHolding(site, 'ana@example.com').slice(0, 2), ['signups', 'outbox.jsonl'], 'kept for the removal link meanwhile');

  w.clock = sentAt + websiteDefaults.signUpRetentionMs;
  await site.website.sweepExpiredAddresses();
  assert.equal(placesHolding(site, 'ana@example.com'), []);
});

Retention('a mail still queued at the stated time goes with its address', async (w) => {
  const sink = await startSmtpSink();
  try {
    sink.refusal = '451 4.3.0 try later';
    const publicUrl = 'https://ltm.example';
    const site = await start(w, { smtpUrl: sink.url, publicUrl });
    await submit(site, 'cleo@example.com', publicUrl);
    assert.equal(placesHolding(site, 'cleo@example.com').slice(0, 2), ['signups', 'mail_outbox']);
    w.clock += websiteDefaults.signUpRetentionMs;
    await site.website.sweepExpiredAddresses();
    assert.equal(placesHolding(site, 'cleo@example.com'), []);
  } finally {
    await w.site?.close();
    w.site = null;
    await sink.close();
  }
});

Retention('retention settings that would defeat it refuse to start with a ConfigError', async (w) => {
  for (const overrides of [{ retentionSweepMs: websiteDefaults.signUpRetentionMs }, { mailRetry: { firstDelayMs: 0, maxDelayMs: 1, maxAttempts: 3 } }]) {
    await start(w, overrides).then(
      () => assert.unreachable('started'),
      (error: unknown) => assert.instance(error, ConfigError),
    );
  }
});

Retention.run();
