// A sign-up when the database cannot commit (a real SQLite file at its size limit, see
// full-database.ts): the person gets the landing page with a 503 message, not the API's JSON,
// and nothing of the sign-up is stored, neither the address nor its mail. The mail queue is what
// is full here, so the address's own insert fits and only the second insert of the transaction
// fails: both must be taken back. Once there is room again, the same address signs up and its
// mail is sent. An unsubscribe on a read-only database gets an HTML error page too, and the
// address stays until it can be removed.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Routes } from '../../../../wire/website-routes.ts';
import { fillDatabase } from '../../helpers/full-database.ts';
import { countRows, openForm, postForm, startWebsiteRelay, type WebsiteRelay } from './website-relay.ts';

const DiskFull = suite<{ site: WebsiteRelay | null }>('sign-up on a full disk', { site: null });

DiskFull.before(async (ctx) => {
  ctx.site = await startWebsiteRelay();
});
DiskFull.after(async (ctx) => {
  await ctx.site?.close();
});

const FILLER = 'filler@example.invalid';
const NEVER = Number.MAX_SAFE_INTEGER;

async function submit(site: WebsiteRelay, email: string): Promise<Response> {
  const form = await openForm(site.url);
  return postForm(site.url, Routes.signUp, { email, csrf: form.token }, { cookie: form.cookie });
}

DiskFull('a sign-up that cannot be committed shows an HTML error page and stores nothing; later it is sent', async ({ site }) => {
  assert.ok(site);
  const { db } = site;
  db.prepare('INSERT INTO signups (email, consented_at, unsubscribe_hash) VALUES (?, 0, randomblob(32))').run(FILLER);
  const queue = db.prepare("INSERT INTO mail_outbox (email, unsubscribe_token, next_attempt_at) VALUES (?, 'x', ?)");
  const full = fillDatabase(db, () => queue.run(FILLER, NEVER));
  assert.ok(full.filled > 0);
  const before = { signups: countRows(db, 'signups'), queued: countRows(db, 'mail_outbox') };

  const refused = await submit(site, 'Ana.Lima@example.com');
  assert.is(refused.status, 503);
  assert.match(refused.headers.get('content-type') ?? '', /^text\/html/);
  const page = await refused.text();
  assert.match(page, /could not save your address/);
  assert.match(page, /value="Ana\.Lima@example\.com"/, 'the typed address is kept in the form');
  assert.not.match(page, /"error":/);
  assert.equal({ signups: countRows(db, 'signups'), queued: countRows(db, 'mail_outbox') }, before);
  assert.equal(db.prepare("SELECT count(*) AS n FROM signups WHERE email = 'ana.lima@example.com'").get(), { n: 0 });
  assert.is(site.outbox().length, 0);

  full.makeRoom();
  db.prepare('DELETE FROM signups WHERE email = ?').run(FILLER);
  const accepted = await submit(site, 'Ana.Lima@example.com');
  assert.is(accepted.status, 303);
  assert.is(accepted.headers.get('location'), Routes.signUpDone);
  const mails = site.outbox();
  assert.is(mails.length, 1);
  assert.is(mails[0]?.to, 'ana.lima@example.com');
  assert.is(countRows(db, 'mail_outbox'), 0, 'the sent mail left the queue');
  assert.is(countRows(db, 'signups'), 1);
});

DiskFull('an unsubscribe the database cannot commit gets an HTML page and removes nothing', async ({ site }) => {
  assert.ok(site);
  const link = site.outbox()[0]!.text.match(/http\S+\/unsubscribe\?token=[\w-]+/)![0];
  const form = await openForm(link);
  const token = new URL(link).searchParams.get('token')!;
  site.db.pragma('query_only = ON');
  try {
    const res = await postForm(site.url, Routes.unsubscribe, { token, csrf: form.token }, { cookie: form.cookie });
    assert.is(res.status, 500);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await res.text(), /Something went wrong/);
  } finally {
    site.db.pragma('query_only = OFF');
  }
  assert.is(countRows(site.db, 'signups'), 1);
  const retried = await postForm(site.url, Routes.unsubscribe, { token, csrf: form.token }, { cookie: form.cookie });
  assert.is(retried.status, 200);
  assert.is(countRows(site.db, 'signups'), 0);
});

DiskFull.run();
