// Usage events against a real relay: only the named events are accepted, and what is stored is
// exactly a daily count per (day, event, version): the table's columns and rows are checked
// directly in the database, SQLite and a real PostgreSQL in turn. The uninstall page counts too;
// both are rate-limited.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Routes } from '../../../../wire/website-routes.ts';
import { utcDay } from '../../../../sync-server/web/website/usage-counts.ts';
import { BACKENDS, postgresDatabases, type BackendKind } from '../web-backends.ts';
import { startWebsiteSite, type WebsiteSite } from './website-site.ts';

const databases = postgresDatabases('usage_events');

const COLUMNS: Record<BackendKind, string> = {
  sqlite: "SELECT name FROM pragma_table_info('usage_counts') ORDER BY cid",
  postgres: "SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'usage_counts' ORDER BY ordinal_position",
};

function send(site: WebsiteSite, body: unknown, type = 'application/json'): Promise<Response> {
  return fetch(new URL(Routes.events, site.url), {
    method: 'POST',
    headers: { 'content-type': type, origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function eventsSuite(kind: BackendKind) {
  const Events = suite<{ site: WebsiteSite | null }>(`usage events on ${kind}`, { site: null });

  Events.before(async (ctx) => {
    const storage = kind === 'sqlite' ? { kind } : { kind, url: await databases.createUrl() };
    ctx.site = await startWebsiteSite(storage, { eventsPerIp: { max: 40, windowMs: 60_000 } });
  });
  Events.after(async (ctx) => {
    await ctx.site?.close();
    if (kind === 'postgres') await databases.stop();
  });

  Events('the table has exactly day, event, version and count', async ({ site }) => {
    assert.ok(site);
    const columns = (await site.query<{ name: string }>(COLUMNS[kind])).map((c) => c.name);
    assert.equal(columns, ['day', 'event', 'version', 'count']);
  });

  Events('named events are counted per day, event and version, nothing else is stored', async ({ site }) => {
    assert.ok(site);
    const sent = [
      { event: 'meeting_started', version: '1.2.0' },
      { event: 'meeting_started', version: '1.2.0' },
      { event: 'meeting_started', version: '1.3.0' },
      { event: 'item_created', version: '1.2.0', extra: 'ignored content', email: 'a@b.co' },
    ];
    for (const body of sent) {
      const res = await send(site, body);
      assert.is(res.status, 204);
      assert.is(res.headers.get('access-control-allow-origin'), '*');
    }
    assert.is((await send(site, '{"event":"installed","version":"1.3.0"}', 'text/plain')).status, 204, 'sendBeacon-style text/plain');
    const today = utcDay(Date.now());
    const rows = await site.query('SELECT * FROM usage_counts ORDER BY event, version');
    assert.equal(rows, [
      { day: today, event: 'installed', version: '1.3.0', count: 1 },
      { day: today, event: 'item_created', version: '1.2.0', count: 1 },
      { day: today, event: 'meeting_started', version: '1.2.0', count: 2 },
      { day: today, event: 'meeting_started', version: '1.3.0', count: 1 },
    ]);
    const everything = JSON.stringify(await site.query('SELECT * FROM usage_counts ORDER BY event, version'));
    assert.not.match(everything, /127\.0\.0\.1|ignored content|a@b\.co|chrome-extension/);
  });

  Events('unknown events, bad versions and malformed bodies are refused and not stored', async ({ site }) => {
    assert.ok(site);
    const before = JSON.stringify(await site.query('SELECT * FROM usage_counts ORDER BY event, version'));
    const refusals: [unknown, string?][] = [
      [{ event: 'page_viewed', version: '1.0.0' }],
      [{ event: 'MEETING_STARTED', version: '1.0.0' }],
      [{ event: 'meeting_started', version: 'Mozilla/5.0' }],
      [{ event: 'meeting_started', version: '1.0.0.0.0' }],
      [{ event: 'meeting_started' }],
      [{ version: '1.0.0' }],
      ['not json'],
      ['null'],
      [{ event: 'meeting_started', version: '1.0.0' }, 'application/x-www-form-urlencoded'],
    ];
    for (const [body, type] of refusals) {
      const res = await send(site, body, type);
      assert.ok(res.status === 400 || res.status === 415, `${JSON.stringify(body)} -> ${res.status}`);
      await res.text();
    }
    const big = await send(site, JSON.stringify({ event: 'meeting_started', version: '1.0.0', pad: 'x'.repeat(2000) }));
    assert.is(big.status, 413);
    assert.is(JSON.stringify(await site.query('SELECT * FROM usage_counts ORDER BY event, version')), before);
  });

  Events('a preflight is answered for the extension origin', async ({ site }) => {
    assert.ok(site);
    const res = await fetch(new URL(Routes.events, site.url), {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://x', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.is(res.status, 204);
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /content-type/);
  });

  Events('the uninstall page says goodbye and counts one uninstall for its version', async ({ site }) => {
    assert.ok(site);
    const res = await fetch(new URL(`${Routes.uninstalled}?v=1.3.0`, site.url));
    assert.is(res.status, 200);
    assert.match(await res.text(), /Sorry to see you go/);
    const odd = await fetch(new URL(`${Routes.uninstalled}?v=<b>x</b>`, site.url));
    await odd.text();
    const rows = await site.query("SELECT version, count FROM usage_counts WHERE event = 'uninstalled' ORDER BY version");
    assert.equal(rows, [
      { version: '1.3.0', count: 1 },
      { version: 'unknown', count: 1 },
    ]);
  });

  Events('events are rate-limited per IP address', async ({ site }) => {
    assert.ok(site);
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await send(site, { event: 'item_started', version: '1.0.0' })).status);
    assert.ok(statuses.includes(429), statuses.join(','));
    const [counted] = await site.query<{ n: number }>("SELECT CAST(sum(count) AS INTEGER) AS n FROM usage_counts WHERE event = 'item_started'");
    assert.is(counted?.n, statuses.filter((s) => s === 204).length);
  });

  return Events;
}

for (const kind of BACKENDS) eventsSuite(kind).run();
