// Opt-in usage events, end to end: the built extension in Chromium against a real relay serving
// the website. With the switch off (the default) a whole meeting flow sends nothing: no request
// to /events is seen by the browser and the usage_counts table stays empty. Turned on in
// Options, the same flow stores exactly its counts, and the table holds only day, event,
// version and count. Turned off again, the flow adds nothing. Without a relay address the switch
// is disabled. With it on, removing the extension opens the relay's uninstall page, which counts
// one uninstall.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { builtinTemplate } from '../../crdt/index.ts';
import { utcDay } from '../../sync-server/web/website/usage-counts.ts';
import { startWebsiteRelay, type WebsiteRelay } from '../sync-server/web/website/website-relay.ts';
import { DIST, launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, eventually, msg, signUp, startMeeting, storedSettings } from './helpers/extension-flows.ts';
import { guardedSetup } from './helpers/guarded-setup.ts';

const WAIT_MS = 15_000;
const STANDUP = builtinTemplate('builtin-daily-standup')!;

interface CountRow {
  readonly day: string;
  readonly event: string;
  readonly version: string;
  readonly count: number;
}

interface Ctx {
  site: WebsiteRelay | null;
  browser: ExtensionBrowser | null;
  panel: Page | null;
  options: Page | null;
  /** Every request the browser made to the relay's /events, in order. */
  eventRequests: string[];
  version: string;
}

const Usage = suite<Ctx>('usage events from the extension', {
  site: null,
  browser: null,
  panel: null,
  options: null,
  eventRequests: [],
  version: '',
});

guardedSetup(Usage, async (ctx) => {
  ctx.version = (JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as { version: string }).version;
  ctx.site = await startWebsiteRelay();
  ctx.browser = await launchExtension();
  const eventsUrl = new URL('/events', ctx.site.url).href;
  ctx.browser.context.on('request', (request: Request) => {
    if (request.url().startsWith(eventsUrl)) ctx.eventRequests.push(request.postData() ?? '');
  });
  ctx.options = await signUp(ctx.browser, ctx.site.url, { email: 'usage@example.org', password: 'correct horse', name: 'Usage' });
  ctx.panel = await ctx.browser.page('side-panel/index.html');
  ctx.panel.setDefaultTimeout(WAIT_MS);
});

Usage.after(async (ctx) => {
  await ctx.browser?.close(true);
  await ctx.site?.close();
});

function ready(ctx: Ctx): { site: WebsiteRelay; browser: ExtensionBrowser; panel: Page; options: Page } {
  assert.ok(ctx.site && ctx.browser && ctx.panel && ctx.options, 'set up');
  return { site: ctx.site, browser: ctx.browser, panel: ctx.panel, options: ctx.options };
}

function rows(site: WebsiteRelay): CountRow[] {
  return site.db.prepare('SELECT day, event, version, count FROM usage_counts ORDER BY event, version').all() as CountRow[];
}

function total(site: WebsiteRelay): number {
  return rows(site).reduce((sum, row) => sum + row.count, 0);
}

/** Template, add an item, start, notes on the first item, next, end. */
async function meetingFlow(panel: Page, title: string): Promise<void> {
  await createMeeting(panel, title, STANDUP.name);
  await panel.getByRole('button', { name: msg('agendaAddItem') }).click();
  await startMeeting(panel);
  const first = STANDUP.items[0]!.title;
  await panel.getByLabel(msg('runItemNotesFor', first)).click();
  await panel.keyboard.type('Shipped it');
  await panel.getByRole('button', { name: new RegExp(msg('runNext')) }).click();
  await panel.getByRole('heading', { name: STANDUP.items[1]!.title }).waitFor();
  await panel.getByRole('button', { name: msg('runEnd') }).click();
  await panel.getByRole('heading', { name: msg('reportChartTitle') }).waitFor();
}

async function setSwitch(ctx: Ctx, on: boolean): Promise<void> {
  const { browser, options } = ready(ctx);
  const toggle = options.getByRole('checkbox', { name: msg('usageToggle') });
  if (on) await toggle.check();
  else await toggle.uncheck();
  const worker = await browser.worker();
  await eventually(async () => (await storedSettings(worker)).usageCounts === on, `usageCounts ${on} stored`);
}

function expected(ctx: Ctx, counts: Record<string, number>): CountRow[] {
  const day = utcDay(Date.now());
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([event, count]) => ({ day, event, version: ctx.version, count }));
}

Usage('off by default: a whole meeting sends no request and stores nothing', async (ctx) => {
  const { site, browser, panel, options } = ready(ctx);
  // Signing up stores what it set (relay, account); the switch is at its default, off.
  assert.is.not((await storedSettings(await browser.worker())).usageCounts, true, 'off by default');
  const toggle = options.getByRole('checkbox', { name: msg('usageToggle') });
  assert.is(await toggle.isChecked(), false);
  const relay = new URL(site.url).origin;
  await options.getByText(msg('usageWhatIsSent', `${relay}/events`, ctx.version)).waitFor();
  for (const event of ['template_selected', 'item_started', 'uninstalled']) await options.getByText(event, { exact: true }).waitFor();
  await meetingFlow(panel, 'Quiet meeting');
  assert.equal(ctx.eventRequests, []);
  assert.equal(rows(site), []);
});

Usage('on: the same flow stores exactly its daily counts, and nothing else', async (ctx) => {
  const { site, panel } = ready(ctx);
  await setSwitch(ctx, true);
  await meetingFlow(panel, 'Counted meeting');
  const counts = {
    template_selected: 1,
    item_created: 1,
    meeting_started: 1,
    item_started: 2,
    notes_created: 1,
    meeting_ended: 1,
  };
  await eventually(async () => total(site) >= 7, 'seven events counted');
  // Exactly these counts also shows the earlier flow, with the switch off, sent nothing late.
  assert.equal(rows(site), expected(ctx, counts));
  const columns = (site.db.prepare('PRAGMA table_info(usage_counts)').all() as { name: string }[]).map((c) => c.name);
  assert.equal(columns, ['day', 'event', 'version', 'count']);
  // The browser reports requests asynchronously: wait for them before counting.
  await eventually(async () => ctx.eventRequests.length >= 7, 'seven requests seen');
  assert.is(ctx.eventRequests.length, 7);
  for (const body of ctx.eventRequests) assert.equal(Object.keys(JSON.parse(body) as object).sort(), ['event', 'version'], body);
});

Usage('off again: the flow adds nothing', async (ctx) => {
  const { site, panel } = ready(ctx);
  const before = rows(site);
  await setSwitch(ctx, false);
  const sentBefore = ctx.eventRequests.length;
  await meetingFlow(panel, 'Quiet again');
  // A marker sent after switching on again: once it is counted, anything the flow sent would be too.
  await setSwitch(ctx, true);
  await createMeeting(panel, 'Marker', STANDUP.name);
  await eventually(async () => rows(site).find((r) => r.event === 'template_selected')?.count === 2, 'the marker counted');
  assert.equal(
    rows(site),
    before.map((r) => (r.event === 'template_selected' ? { ...r, count: 2 } : r)),
  );
  await eventually(async () => ctx.eventRequests.length > sentBefore, 'the marker request seen');
  assert.is(ctx.eventRequests.length, sentBefore + 1, 'only the marker left the browser');
});

// The options form requires a relay address, so only stored settings can lack one.
Usage('with no relay address the switch is disabled and says nothing can be sent', async (ctx) => {
  const { site, browser, options } = ready(ctx);
  const worker = await browser.worker();
  const setRelay = (relayUrl: string) =>
    worker.evaluate(async (url) => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings as object), relayUrl: url } });
    }, relayUrl);
  const toggle = options.getByRole('checkbox', { name: msg('usageToggle') });
  await setRelay('');
  await options.getByText(msg('usageNoRelay')).waitFor();
  assert.ok(await toggle.isDisabled());
  assert.not.ok(await toggle.isChecked());
  await setRelay(site.url);
  await eventually(async () => (await toggle.isChecked()) && !(await toggle.isDisabled()), 'the switch back on with the relay');
});

Usage('on: removing the extension opens the uninstall page, which counts once', async (ctx) => {
  const { site, browser, options } = ready(ctx);
  const opened = browser.context.waitForEvent('page', { timeout: WAIT_MS });
  // The options page closes with the extension, so the call may never answer.
  await options.evaluate(() => void chrome.management.uninstallSelf()).catch(() => undefined);
  const page = await opened;
  await page.waitForLoadState();
  assert.is(page.url(), `${new URL(site.url).origin}/uninstalled?v=${ctx.version}`);
  const uninstalled = await eventually(async () => rows(site).find((r) => r.event === 'uninstalled'), 'the uninstall counted');
  assert.equal(uninstalled, { day: utcDay(Date.now()), event: 'uninstalled', version: ctx.version, count: 1 });
});

Usage.run();
