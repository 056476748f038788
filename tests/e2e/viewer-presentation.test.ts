// The live viewer as a user meets it, in real Chromium against a real relay: presentation mode
// fills a 1600x900 screen with the clock and the current item, is reached and left by keyboard,
// goes full screen (Escape leaves) and is remembered; a 200-character title takes two lines and
// Next stays in view on a phone; every progress segment keeps a minimum width; overrun is said
// once; and a view link shows notes as text, never as boxes that look editable.
import type { Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { itemNotesText, startMeeting } from '../../crdt/index.ts';
import { messagesIn } from './helpers/extension-flows.ts';
import { overflowingLabels } from './helpers/layout-overflow.ts';
import { shoot } from './helpers/screenshots.ts';
import { startViewerFixture, type ViewerFixture } from './helpers/viewer-fixture.ts';

const LONG_TITLE = 'Review the migration plan for the billing service, with the rollback steps, the customer mail, the on-call rota for launch week, the open questions from legal and what we tell support on day one!'.padEnd(200, '.');
// A one-minute item first, between two-hour ones, so its segment is the one that could vanish.
const AGENDA = [
  { title: LONG_TITLE, plannedSec: 60 },
  { title: 'Roadmap review', plannedSec: 7200 },
  { title: 'Wrap-up', plannedSec: 60 },
  { title: 'Hiring plan', plannedSec: 7200 },
] as const;
const WIDE = { width: 1600, height: 900 } as const;
const PHONE = { width: 400, height: 600 } as const;
const MIN_CLOCK_PX = 200;
const MIN_SEGMENT_PX = 8;

const test = suite('e2e viewer: presentation, titles, progress, overrun, view-only notes');
let world: ViewerFixture;

test.before(async () => {
  world = await startViewerFixture({ title: 'Launch readiness', items: AGENDA });
});
test.after.each(async () => {
  await world.closeOpened();
});

test.after(async () => {
  await world?.close();
});

/** A meeting whose first (one-minute) item started two minutes ago: over by about a minute. */
async function overrunMeeting() {
  const f = await world.facilitator();
  assert.ok(startMeeting(f.doc, { ...f.stamp(), now: Date.now() - 2 * 60_000 }));
  return f;
}

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;
const lineCount = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));

test('presentation mode fills 1600x900, by keyboard, full screen, Escape leaves, remembered per browser', async () => {
  const f = await overrunMeeting();
  const { page, problems } = await world.viewer((await f.share('view')).path, { viewport: WIDE });
  await world.shown(page, '#current-title');
  await shoot(page, 'viewer-1600');
  const enter = page.getByRole('button', { name: 'Presentation mode' });
  await enter.focus();
  await page.keyboard.press('Enter');
  await world.shown(page, '[data-presentation]');
  const stage = await box(page, '[data-presentation]');
  assert.equal([stage.x, stage.y, stage.width, stage.height], [0, 0, WIDE.width, WIDE.height], 'the stage is the whole viewport');
  const digits = await box(page, '[data-presentation] .digits');
  assert.ok(digits.height >= MIN_CLOCK_PX, `the clock is ${digits.height}px tall`);
  assert.ok(digits.y + digits.height <= WIDE.height, 'the clock is on screen');
  assert.ok((await lineCount(page, '#current-title')) <= 2, 'the long title takes two lines at most');
  await shoot(page, 'viewer-presentation');

  // Focus starts on the toolbar: Enter goes full screen, Escape leaves it, Escape again the mode.
  const fullscreen = page.getByRole('button', { name: 'Full screen' });
  assert.ok(await fullscreen.evaluate((el) => el === document.activeElement), 'focus is on the fullscreen button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.fullscreenElement?.hasAttribute('data-presentation') === true);
  // The button hears of it from the fullscreenchange event, a moment after the element changed.
  await page.getByRole('button', { name: 'Full screen', pressed: true }).waitFor({ timeout: 5_000 });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.fullscreenElement === null);
  assert.ok(await page.isVisible('[data-presentation]'), 'leaving full screen keeps the mode');
  await page.keyboard.press('Escape');
  await page.locator('[data-presentation]').waitFor({ state: 'detached' });
  assert.ok(await enter.evaluate((el) => el === document.activeElement), 'focus returns to the button that entered');

  await enter.click();
  await world.shown(page, '[data-presentation]');
  await page.reload();
  await world.shown(page, '[data-presentation]');
  await page.getByRole('button', { name: 'Leave presentation' }).click();
  await page.reload();
  await world.shown(page, '#current-title');
  assert.is(await page.locator('[data-presentation]').count(), 0, 'leaving is remembered too');
  assert.equal(problems, []);
});

test('a 200-character title is two lines, whole for screen readers and on focus, and Next stays above the fold at 400x600', async () => {
  const f = await overrunMeeting();
  const { page } = await world.viewer((await f.share('edit')).path, { viewport: PHONE });
  await world.shown(page, '#current-title');
  const title = page.locator('#current-title');
  assert.is(await lineCount(page, '#current-title'), 2);
  assert.is((await title.textContent())?.trim(), LONG_TITLE.trim(), 'the DOM holds the whole title');
  assert.is(await title.getAttribute('title'), LONG_TITLE, 'the tooltip too');
  const next = await box(page, '.controls button.primary');
  assert.ok(next.y + next.height <= PHONE.height, `Next ends at ${next.y + next.height}px, below the fold`);
  await shoot(page, 'viewer-phone-long-title');
  await page.keyboard.press('Tab');
  for (let i = 0; i < 10 && !(await title.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  assert.ok((await lineCount(page, '#current-title')) > 2, 'keyboard focus shows the whole title');
  await shoot(page, 'viewer-phone-title-focus');
});

test('every progress segment is at least the minimum width; the current one fills with its progress and overrun', async () => {
  const f = await overrunMeeting();
  const { page } = await world.viewer((await f.share('view')).path, { viewport: PHONE });
  await world.shown(page, '.bar .seg.current .overrun');
  const widths = await page.locator('.bar .seg').evaluateAll((segs) => segs.map((s) => s.getBoundingClientRect().width));
  assert.is(widths.length, AGENDA.length);
  for (const width of widths) assert.ok(width >= MIN_SEGMENT_PX, `segments ${widths.join(', ')}px`);
  const fill = await box(page, '.bar .seg.current .fill');
  assert.ok(fill.width > 0, 'the current segment is filled');
});

test('overrun is said once, in the run view and in presentation mode', async () => {
  const f = await overrunMeeting();
  const { page } = await world.viewer((await f.share('view')).path, { viewport: PHONE });
  await world.shown(page, '.now .over-state');
  const said = async (scope: string) => {
    const text = (await page.locator(scope).innerText()).toLowerCase();
    return { overTime: text.split('over time').length - 1, overBy: text.includes('over by') };
  };
  assert.equal(await said('.now'), { overTime: 1, overBy: false });
  await shoot(page, 'viewer-overrun');
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await world.shown(page, '[data-presentation] .over-state');
  assert.equal(await said('[data-presentation]'), { overTime: 1, overBy: false });
  await page.getByRole('button', { name: 'Leave presentation' }).click();
});

test('a view link shows notes as text, and "No notes yet" where there are none; nothing looks editable', async () => {
  const f = await overrunMeeting();
  const { page } = await world.viewer((await f.share('view')).path, { viewport: PHONE });
  await world.shown(page, '#current-title');
  assert.is(await page.locator('[data-notes-empty]').count(), 2, 'item and meeting notes say they are empty');
  itemNotesText(f.doc, f.items[0]!)!.insert(0, 'Rollback rehearsed on staging');
  await world.shown(page, '.notes-text:has-text("Rollback rehearsed on staging")');
  assert.is(await page.locator('textarea, [contenteditable], .cm-editor, input:not(#viewer-name)').count(), 0, 'no field but the name');
  await shoot(page, 'viewer-view-only-notes');
});

test('German at 400 px: the running viewer, overrun, and its presentation mode show every label whole', async () => {
  const de = messagesIn('de');
  const f = await overrunMeeting();
  const { page, problems } = await world.viewer((await f.share('edit')).path, { viewport: { width: 400, height: 800 }, locale: 'de-DE' });
  await world.shown(page, '#current-title');
  assert.is(await page.evaluate(() => document.documentElement.lang), 'de');
  const labels = async (name: string) => {
    await shoot(page, `viewer-de-400-${name}`);
    const found = await overflowingLabels(page);
    assert.equal(found.map((o) => `${o.what} "${o.text}": ${o.how}`), [], `${name}: truncated or overflowing labels`);
  };
  await labels('running');
  await page.getByRole('button', { name: de('viewerPresentation') }).click();
  await world.shown(page, '[data-presentation]');
  await page.getByRole('button', { name: de('viewerFullscreen') }).waitFor();
  await labels('presentation');
  assert.equal(problems, []);
});

test.run();
