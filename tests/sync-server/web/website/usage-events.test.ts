// Usage events against a real relay: only the named events are accepted, and what is stored is
// exactly a daily count per (day, event, version): the table's columns and rows are checked
// directly in SQLite. The uninstall page counts too; both are rate-limited.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Routes } from '../../../../wire/website-routes.ts';
import { utcDay } from '../../../../sync-server/web/website/usage-counts.ts';
import { startWebsiteRelay, type WebsiteRelay } from './website-relay.ts';

const Events = suite<{ site: WebsiteRelay | null }>('usage events', { site: null });

Events.before(async (ctx) => {
  ctx.site = await startWebsiteRelay({ eventsPerIp: { max: 40, windowMs: 60_000 } });
});
Events.after(async (ctx) => {
  await ctx.site?.close();
});

function send(site: WebsiteRelay, body: unknown, type = 'application/json'): Promise<Response> {
  return fetch(new URL(Routes.events, site.url), {
    method: 'POST',
    headers: { 'content-type': type, origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

Events('the table has exactly day, event, version and count', ({ site }) => {
  assert.ok(site);
  const columns = (site.db.prepare('PRAGMA table_info(usage_counts)').all() as { name: string }[]).map((c) => c.name);
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
  const rows = site.db.prepare('SELECT * FROM usage_counts ORDER BY event, version').all();
  assert.equal(rows, [
    { day: today, event: 'installed', version: '1.3.0', count: 1 },
    { day: today, event: 'item_created', version: '1.2.0', count: 1 },
    { day: today, event: 'meeting_started', version: '1.2.0', count: 2 },
    { day: today, event: 'meeting_started', version: '1.3.0', count: 1 },
  ]);
  const everything = JSON.stringify(site.db.prepare('SELECT * FROM usage_counts').all());
  assert.not.match(everything, /127\.0\.0\.1|ignored content|a@b\.co|chrome-extension/);
});

Events('unknown events, bad versions and malformed bodies are refused and not stored', async ({ site }) => {
  assert.ok(site);
  const before = JSON.stringify(site.db.prepare('SELECT * FROM usage_counts').all());
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
  assert.is(JSON.stringify(site.db.prepare('SELECT * FROM usage_counts').all()), before);
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
  const rows = site.db.prepare("SELECT version, count FROM usage_counts WHERE event = 'uninstalled' ORDER BY version").all();
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
  const counted = site.db.prepare("SELECT sum(count) AS n FROM usage_counts WHERE event = 'item_started'").get() as { n: number };
  assert.is(counted.n, statuses.filter((s) => s === 204).length);
});

Events.run();
