// The operator's stats page: without the token it shows only a sign-in form; with the token as a
// Bearer header, or after signing in with the form (which sets a strict cookie), it shows the
// counts as SVG charts. The token is created once in the data directory, owner-only. The counts
// come from SQLite and from a real PostgreSQL in turn.
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Routes } from '../../../../wire/website-routes.ts';
import { STATS_COOKIE } from '../../../../sync-server/web/website/stats-access.ts';
import { websiteDefaults } from '../../../../sync-server/web/website/website-config.ts';
import { BACKENDS, postgresDatabases, type BackendKind } from '../web-backends.ts';
import { openForm, postForm } from './website-relay.ts';
import { startWebsiteSite, type WebsiteSite } from './website-site.ts';

const databases = postgresDatabases('stats');

function statsSuite(kind: BackendKind) {
  const Stats = suite<{ site: WebsiteSite | null; token: string }>(`stats page on ${kind}`, { site: null, token: '' });

  Stats.before(async (ctx) => {
    ctx.site = await startWebsiteSite(kind === 'sqlite' ? { kind } : { kind, url: await databases.createUrl() });
    ctx.token = readFileSync(join(ctx.site.dataDir, websiteDefaults.statsTokenFileName), 'utf8').trim();
    await fetch(new URL(Routes.events, ctx.site.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'meeting_ended', version: '2.0.1' }),
    });
  });
  Stats.after(async (ctx) => {
    await ctx.site?.close();
    if (kind === 'postgres') await databases.stop();
  });

  Stats('the stats token file is created owner-only', ({ site, token }) => {
    assert.ok(site);
    assert.ok(token.length >= 32);
    assert.is(statSync(join(site.dataDir, websiteDefaults.statsTokenFileName)).mode & 0o077, 0);
  });

  Stats('without the token the page shows a sign-in form and no counts', async ({ site }) => {
    assert.ok(site);
    const page = await (await fetch(new URL(Routes.stats, site.url))).text();
    assert.match(page, /Stats token/);
    assert.not.match(page, /<svg/);
    assert.not.match(page, /2\.0\.1/);
    const wrong = await fetch(new URL(Routes.stats, site.url), { headers: { authorization: 'Bearer not-the-token-at-all' } });
    assert.is(wrong.status, 401);
    assert.not.match(await wrong.text(), /2\.0\.1/);
  });

  Stats('with the token as Bearer the page shows the counts as charts', async ({ site, token }) => {
    assert.ok(site);
    const res = await fetch(new URL(Routes.stats, site.url), { headers: { authorization: `Bearer ${token}` } });
    assert.is(res.status, 200);
    const page = await res.text();
    assert.match(page, /<svg role="img" aria-label="meeting_ended: 1 over 30 days"/);
    assert.match(page, /<td>meeting_ended<\/td><td>2\.0\.1<\/td><td>1<\/td>/);
  });

  Stats('signing in with the form sets a strict cookie that opens the page', async ({ site, token }) => {
    assert.ok(site);
    const form = await openForm(new URL(Routes.stats, site.url).href);
    const refused = await postForm(site.url, Routes.stats, { token: 'wrong-token-wrong-token', csrf: form.token }, { cookie: form.cookie });
    assert.is(refused.status, 401);
    assert.is(refused.headers.get('set-cookie'), null);
    await refused.text();

    const res = await postForm(site.url, Routes.stats, { token, csrf: form.token }, { cookie: form.cookie });
    assert.is(res.status, 303);
    const setCookie = res.headers.get('set-cookie') ?? '';
    assert.match(setCookie, new RegExp(`^${STATS_COOKIE}=`));
    assert.match(setCookie, /; HttpOnly; Secure; SameSite=Strict/);
    assert.not.ok(setCookie.includes(token), 'the cookie does not carry the token itself');
    const cookie = setCookie.split(';')[0]!;
    const page = await (await fetch(new URL(Routes.stats, site.url), { headers: { cookie } })).text();
    assert.match(page, /meeting_ended/);
    assert.match(page, /<svg/);
  });

  return Stats;
}

for (const kind of BACKENDS) statsSuite(kind).run();
