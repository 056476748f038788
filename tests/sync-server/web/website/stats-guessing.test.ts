// Guessing the stats token is rate-limited per address, by Bearer header, cookie or the sign-in
// form alike: past the limit even the right token is refused (429, Retry-After) until the window
// ends, so a guess learns nothing. The operator's right token never counts against the limit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Routes } from '../../../../wire/website-routes.ts';
import { STATS_COOKIE } from '../../../../sync-server/web/website/stats-access.ts';
import { websiteDefaults } from '../../../../sync-server/web/website/website-config.ts';
import { openForm, postForm, startWebsiteRelay, type WebsiteRelay } from './website-relay.ts';

const test = suite('stats token guessing');
const MAX = 3;
let site: WebsiteRelay;
let token = '';

test.before.each(async () => {
  site = await startWebsiteRelay({ statsSignInPerIp: { max: MAX, windowMs: 60 * 60_000 } });
  token = readFileSync(join(site.dataDir, websiteDefaults.statsTokenFileName), 'utf8').trim();
});
test.after.each(async () => {
  await site.close();
});

const withBearer = async (value: string) => (await fetch(new URL(Routes.stats, site.url), { headers: { authorization: `Bearer ${value}` } })).status;
const withCookie = async (value: string) => (await fetch(new URL(Routes.stats, site.url), { headers: { cookie: `${STATS_COOKIE}=${value}` } })).status;

test('wrong Bearer tokens and cookies are limited per address; then even the right token waits', async () => {
  for (let i = 0; i < MAX + 2; i++) assert.is(await withBearer(token), 200, 'the right token never counts');
  const statuses = [await withBearer('guess-number-one-xxxx'), await withCookie('forged-cookie-value'), await withBearer('guess-number-three-xx')];
  assert.equal(statuses, [401, 200, 401], 'a wrong cookie gets the form; every wrong one counts');
  const limited = await fetch(new URL(Routes.stats, site.url), { headers: { authorization: 'Bearer guess-number-four-xxx' } });
  assert.is(limited.status, 429);
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  assert.is(await withBearer(token), 429, 'the right token is not even compared now');
  assert.is((await fetch(new URL(Routes.stats, site.url))).status, 200, 'the page without a token still shows the form');
});

test('the sign-in form counts in the same limit', async () => {
  const form = await openForm(new URL(Routes.stats, site.url).href);
  const post = async (value: string) => (await postForm(site.url, Routes.stats, { token: value, csrf: form.token }, { cookie: form.cookie })).status;
  assert.is(await post(token), 303);
  assert.equal([await post('wrong-one-wrong-one'), await withBearer('guess-by-header-xxx'), await post('wrong-two-wrong-two')], [401, 401, 401]);
  assert.is(await post(token), 429);
});

test.run();
