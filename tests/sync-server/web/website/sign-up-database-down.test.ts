// The website on PostgreSQL while the database server is down: a sign-up gets the landing page
// with a 503 message (not the API's JSON) and the process keeps serving; an unsubscribe gets an
// HTML error page and removes nothing. When the server is back, without a restart, the same
// address signs up, its mail is sent, and the unsubscribe removes it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Routes } from '../../../../wire/website-routes.ts';
import { postgresDatabases } from '../web-backends.ts';
import { openForm, postForm } from './website-relay.ts';
import { startWebsiteSite, type WebsiteSite } from './website-site.ts';

// Its own server: the tests stop it.
const databases = postgresDatabases('database_down', { ownServer: true });
const test = suite<{ site: WebsiteSite | null }>('sign-up while PostgreSQL is down', { site: null });

test.before(async (ctx) => {
  ctx.site = await startWebsiteSite({ kind: 'postgres', url: await databases.createUrl() });
});
test.after(async (ctx) => {
  await ctx.site?.close();
  await databases.stop();
});

async function submit(site: WebsiteSite, email: string): Promise<Response> {
  const form = await openForm(site.url);
  return postForm(site.url, Routes.signUp, { email, csrf: form.token }, { cookie: form.cookie });
}

test('a sign-up during the outage is refused with a page and stored once the database is back', async ({ site }) => {
  assert.ok(site);
  const server = await databases.server();
  await server.halt();
  try {
    const refused = await submit(site, 'ana@example.com');
    assert.is(refused.status, 503);
    assert.match(refused.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await refused.text(), /nothing was stored/);
  } finally {
    await server.resume();
  }
  assert.is(await site.count('signups'), 0);
  const stored = await submit(site, 'ana@example.com');
  assert.is(stored.status, 303);
  await site.website.sendDueMail();
  assert.equal(site.outbox().map((mail) => mail.to), ['ana@example.com']);
});

test('an unsubscribe during the outage gets an error page and removes nothing', async ({ site }) => {
  assert.ok(site);
  const link = site.outbox()[0]!.text.match(/http\S+\/unsubscribe\?token=[\w-]+/)![0];
  const token = new URL(link).searchParams.get('token')!;
  const form = await openForm(link);
  const server = await databases.server();
  await server.halt();
  try {
    const res = await postForm(site.url, Routes.unsubscribe, { token, csrf: form.token }, { cookie: form.cookie });
    assert.is(res.status, 500);
    assert.match(await res.text(), /Something went wrong/);
  } finally {
    await server.resume();
  }
  assert.is(await site.count('signups'), 1);
  const removed = await postForm(site.url, Routes.unsubscribe, { token, csrf: form.token }, { cookie: form.cookie });
  assert.is(removed.status, 200);
  assert.is(await site.count('signups'), 0);
});

test.run();
