// The live viewer's other pages and guarantees, in real Chromium against a real relay: revoked,
// expired, incomplete and malformed links get clear pages (never a blank screen) and a refused
// page stops reconnecting; the shell carries the strict CSP with a per-response style nonce; the
// token never reaches a request line or a relay log; a chunk lost on the way gets a message and
// closes the socket; the ended meeting shows its report and downloads its Markdown; axe finds
// nothing serious; phone-sized screenshots, light and dark.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addAction, addDecision, endMeeting, itemNotesText, meetingNotesText, meetingReport, nextItem, startMeeting } from '../../crdt/index.ts';
import { seriousViolations } from './helpers/axe.ts';
import { random, startFacilitator, type Facilitator } from './helpers/facilitator.ts';
import { startViewerFixture, type ViewerFixture } from './helpers/viewer-fixture.ts';
import { shoot } from './helpers/screenshots.ts';
import { visit, type Visitor } from './helpers/viewer-browser.ts';
import { startViewerRelay, type ViewerRelay } from './helpers/viewer-relay.ts';

const AGENDA = [
  { title: 'Wins of the week', plannedSec: 300 },
  { title: 'Incident follow-up', plannedSec: 600 },
  { title: 'Next sprint scope', plannedSec: 900 },
] as const;
const REQUIRED_CSP = ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"];

const test = suite('e2e live viewer pages');
let world: ViewerFixture;
let relay: ViewerRelay;
let browser: Browser;
const tokens: string[] = [];

test.before(async () => {
  world = await startViewerFixture({ title: 'Platform team weekly', items: AGENDA });
  relay = world.relay;
  browser = world.browser;
});

test.after.each(async () => {
  await world.closeOpened();
});

test.after(async () => {
  await world?.close();
});

const facilitator = (): Promise<Facilitator> => world.facilitator();
const shown = (page: Page, selector: string): Promise<void> => world.shown(page, selector);
const viewer = (url: string, options?: Parameters<ViewerFixture['viewer']>[1]): Promise<Visitor> => world.viewer(url, options);

async function share(f: Facilitator, role: 'view' | 'edit') {
  const link = await f.share(role);
  tokens.push(link.token);
  return link;
}

function countSockets(page: Page): () => number {
  let count = 0;
  page.on('websocket', () => count++);
  return () => count;
}

test('a link revoked while open shows the revoked page and stops reconnecting; reopening it says the same; a new link pasted over it is followed', async () => {
  const f = await facilitator();
  startMeeting(f.doc, f.stamp());
  const link = await share(f, 'view');
  const { page, problems } = await viewer(relay.httpUrl + link.path);
  const sockets = countSockets(page);
  await shown(page, '[data-connection="live"]');
  await f.revoke(link.shareId);
  await shown(page, 'h1:has-text("This link was revoked")');
  const after = sockets();
  await page.waitForTimeout(3_000);
  assert.is(sockets(), after, 'no reconnect after a revocation');
  assert.is(await page.locator('#current-title').count(), 0, 'the meeting is gone from the page');

  await page.reload();
  await shown(page, '[data-problem="revoked"] h1:has-text("This link was revoked")');

  // The new link the owner sends, pasted into the same tab: only the fragment changes, and the
  // page follows it.
  const fresh = await share(f, 'view');
  await page.evaluate((hash) => (location.hash = hash), new URL(fresh.path, relay.httpUrl).hash);
  await shown(page, '[data-connection="live"]');
  assert.equal(problems, []);
});

test('a chunk lost on the way: the page says it could not finish loading, and closes its socket', async () => {
  const f = await facilitator();
  startMeeting(f.doc, f.stamp());
  const link = await share(f, 'view');
  const { page, problems, sockets, openSockets } = await viewer(relay.httpUrl + link.path, { failing: '**/assets/ViewerApp-*.js' });
  await shown(page, '#app [role="alert"]:has-text("This page could not finish loading")');
  assert.is(await page.locator('#current-title').count(), 0);
  // The socket the shell opened early is closed, not left following a meeting nobody sees.
  assert.ok(sockets.length >= 1, 'the shell opened its socket before the bundle failed');
  for (let waited = 0; openSockets() > 0 && waited < 5_000; waited += 50) await page.waitForTimeout(50);
  assert.is(openSockets(), 0, 'no socket left open');
  assert.ok(problems.some((p) => p.startsWith('page error:')), 'the failed import is reported as the page error it is');
});

test('an expired link shows the expired page', async () => {
  const shortLived = await startViewerRelay({ access: { shareTokenTtlMs: 1 } });
  try {
    const f = await startFacilitator(shortLived, { kind: 'agenda', title: 'Expired', items: AGENDA });
    try {
      const link = await f.share('view');
      const { page, close } = await visit(browser, shortLived.httpUrl + link.path);
      await shown(page, '[data-problem="expired"] h1:has-text("This link has expired")');
      await close();
    } finally {
      f.close();
    }
  } finally {
    await shortLived.close();
  }
});

test('a link without its fragment, with a forged token or for another meeting says it is not valid', async () => {
  const f = await facilitator();
  const other = await facilitator();
  const link = await share(f, 'view');
  const otherLink = await share(other, 'view');
  const [body, signature] = link.token.split('.');
  const forged = `${body}.${signature!.slice(0, -2)}AA`;
  const cases = [
    [`/m/${f.meetingId}`, 'missing'],
    [`/m/${f.meetingId}#`, 'missing'],
    [`/m/${f.meetingId}#not-a-token`, 'invalid'],
    [`/m/${f.meetingId}#${otherLink.token}`, 'invalid'],
    [`/m/${f.meetingId}#${forged}`, 'invalid'],
  ] as const;
  for (const [path, problem] of cases) {
    const { page, problems, close } = await viewer(relay.httpUrl + path);
    await shown(page, `[data-problem="${problem}"] h1:has-text("This link is not valid")`);
    assert.ok((await page.textContent('main'))!.trim().length > 40, `${path} explains itself`);
    assert.equal(problems, []);
    await close();
  }
});

test('a malformed meeting id gets a clear 404 page; the shell has the strict CSP with a fresh style nonce and its one inline script’s hash', async () => {
  const bad = await fetch(`${relay.httpUrl}/m/not..an..id`);
  assert.is(bad.status, 404);
  assert.match(await bad.text(), 'No such meeting link');
  const f = await facilitator();
  const first = await fetch(`${relay.httpUrl}/m/${f.meetingId}`);
  const second = await fetch(`${relay.httpUrl}/m/${f.meetingId}`);
  assert.is(first.status, 200);
  const csp = first.headers.get('content-security-policy') ?? '';
  for (const directive of REQUIRED_CSP) assert.ok(csp.includes(directive), `CSP has ${directive}`);
  const nonce = /style-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  assert.ok(nonce, 'style-src carries a nonce');
  assert.ok((await first.text()).includes(`content="${nonce}"`), 'the page gets the same nonce');
  assert.is.not(second.headers.get('content-security-policy'), csp, 'a fresh nonce per response');
  // The early socket's inline script, and only it, may run: script-src carries its hash.
  const shell = await second.text();
  const inline = [...shell.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(([, body]) => body ?? '');
  assert.is(inline.length, 1, 'one inline script');
  const hash = createHash('sha256').update(inline[0]!, 'utf8').digest('base64');
  assert.match(csp, `script-src 'self' 'sha256-${hash}';`);
  assert.is(first.headers.get('x-frame-options'), 'DENY');
  assert.is(first.headers.get('cache-control'), 'no-store');
  const script = /src="(\/viewer\/assets\/[^"]+\.js)"/.exec(shell)?.[1];
  const asset = await fetch(relay.httpUrl + script, { headers: { 'accept-encoding': 'gzip' } });
  assert.is(asset.status, 200);
  assert.match(asset.headers.get('cache-control') ?? '', 'immutable');
  assert.is((await fetch(`${relay.httpUrl}/viewer/assets/..%2F..%2Fpackage.json`)).status, 404);
});

test('a relay without a built viewer answers a clear 503 page', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'ltm-no-viewer-'));
  const bare = await startViewerRelay({ viewerDistDir: empty });
  try {
    const response = await fetch(`${bare.httpUrl}/m/${'A'.repeat(22)}`);
    assert.is(response.status, 503);
    assert.match(await response.text(), 'Live viewer not built yet');
  } finally {
    await bare.close();
    rmSync(empty, { recursive: true, force: true });
  }
});

test('the ended meeting shows its report and downloads the minutes as Markdown', async () => {
  const f = await facilitator();
  await runToEnd(f);
  const { page, problems } = await viewer(relay.httpUrl + (await share(f, 'view')).path);
  await shown(page, 'text=This meeting has ended');
  assert.ok(await page.isVisible('table >> text=Incident follow-up'));
  assert.ok(await page.isVisible('text=Roll back the cache change'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Download the minutes")')]);
  assert.is(download.suggestedFilename(), 'Platform team weekly.md');
  const markdown = readFileSync((await download.path())!, 'utf8');
  assert.match(markdown, '# Platform team weekly');
  assert.match(markdown, 'Roll back the cache change');
  assert.match(markdown, 'Write the postmortem');
  assert.equal(problems, []);
});

test('a German reader in Berlin gets the viewer and its minutes in German, dates in their time zone', async () => {
  const f = await facilitator();
  await runToEnd(f);
  const { page, problems } = await viewer(relay.httpUrl + (await share(f, 'view')).path, { locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  await shown(page, 'text=Diese Besprechung ist beendet');
  assert.is(await page.evaluate(() => document.documentElement.lang), 'de');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Protokoll herunterladen")')]);
  const markdown = readFileSync((await download.path())!, 'utf8');
  assert.match(markdown, '## Tagesordnung');
  assert.match(markdown, '| # | Punkt | Zuständig | Geplant | Tatsächlich | Notizen |');
  assert.match(markdown, /\| 5 Min\. \|/);
  assert.match(markdown, '## Beschlüsse');
  const startedAt = meetingReport(f.doc).startedAt!;
  const berlin = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
  // The time names its zone (MEZ, or MESZ in summer) in the minutes' language.
  const zone = new Intl.DateTimeFormat('de', { timeZoneName: 'short', timeZone: 'Europe/Berlin' }).formatToParts(startedAt).find((p) => p.type === 'timeZoneName')!.value;
  assert.match(markdown, `${berlin.format(startedAt)} ${zone} · Geplant 30 Min.`);
  assert.match(markdown, '**Sam**, fällig am 01.12.2026');
  assert.equal(problems, []);
});

test('axe finds nothing serious, running and ended, view and edit links, light and dark; phone screenshots', async () => {
  const running = await facilitator();
  startMeeting(running.doc, running.stamp());
  nextItem(running.doc, running.items[0]!, running.stamp());
  itemNotesText(running.doc, running.items[1]!)!.insert(0, 'Cache rollback done at 10:40.\nMonitoring looks normal.');
  addDecision(running.doc, { random, now: Date.now(), text: 'Keep the old cache for a week', itemId: running.items[1]! });
  const ended = await facilitator();
  await runToEnd(ended);
  const shots: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    for (const [name, f, role] of [['running', running, 'view'], ['running-edit', running, 'edit'], ['ended', ended, 'view']] as const) {
      const { page, problems, close } = await viewer(relay.httpUrl + (await share(f, role)).path, { colorScheme: scheme });
      await shown(page, name === 'ended' ? 'text=This meeting has ended' : '[data-connection="live"]');
      await shown(page, '.presence li');
      // The running meeting's records mount after its first paint; axe should see them.
      if (name !== 'ended') await shown(page, '.decisions li');
      const violations = await seriousViolations(page);
      assert.equal(violations, [], `${name} ${scheme}: ${JSON.stringify(violations)}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${name} ${scheme} fits 360 px (scroll width ${width})`);
      if (role === 'view') shots.push(await shoot(page, `viewer-${name}-${scheme}`));
      assert.equal(problems, []);
      await close();
    }
  }
  const revoked = await viewer(`${relay.httpUrl}/m/${running.meetingId}#x.y`);
  await shown(revoked.page, '[data-problem="invalid"]');
  assert.equal(await seriousViolations(revoked.page), []);
  shots.push(await shoot(revoked.page, 'viewer-invalid-light'));
  assert.is(shots.length, 5);
});

test('no token ever reaches a request line the relay saw or a relay log line', () => {
  assert.ok(tokens.length >= 10, 'tokens were used');
  assert.ok(relay.requestLines.some((line) => line.startsWith('/m/')), 'the page was requested');
  const logs = relay.logLines.join('\n');
  assert.ok(logs.includes('socket refused'), 'refusals were logged');
  for (const token of tokens) {
    const signature = token.split('.')[1]!;
    assert.not.ok(relay.requestLines.some((line) => line.includes(signature)), 'no token in a request line');
    assert.not.ok(logs.includes(signature), 'no token in the relay log');
  }
});

async function runToEnd(f: Facilitator): Promise<void> {
  startMeeting(f.doc, f.stamp());
  meetingNotesText(f.doc).insert(0, 'Short meeting, all topics covered.');
  nextItem(f.doc, f.items[0]!, f.stamp());
  addDecision(f.doc, { random, now: Date.now(), text: 'Roll back the cache change', itemId: f.items[1]! });
  addAction(f.doc, { random, now: Date.now(), text: 'Write the postmortem', owner: 'Sam', due: '2026-12-01', itemId: f.items[1]! });
  nextItem(f.doc, f.items[1]!, f.stamp());
  endMeeting(f.doc, f.stamp());
}

test.run();
