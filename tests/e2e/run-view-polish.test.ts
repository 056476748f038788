// The side panel's run view as a user meets it at 400x600 (offline, on Playwright's clock): a
// 200-character item title takes two lines, is whole for screen readers, on hover and on
// keyboard focus, and Next stays above the fold; overrun is said once; every progress segment
// keeps its minimum width and the current one fills.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, msg, startMeeting } from './helpers/extension-flows.ts';
import { shoot } from './helpers/screenshots.ts';

const T0 = new Date('2026-03-02T09:00:00Z').getTime();
const MIN = 60_000;
const VIEWPORT = { width: 400, height: 600 } as const;
const LONG_TITLE = 'Agree the launch checklist: rollback steps, customer mail, the on-call rota for launch week, open questions from legal, what support says on day one and who decides when we stop the rollout'.padEnd(200, '.');
let browser: ExtensionBrowser | null = null;

test.after(async () => {
  await browser?.close(true);
});

test('a 200-character title is clamped to two lines with Next in view; overrun once; segments keep their width', async () => {
  browser = await launchExtension();
  await browser.context.setOffline(true);
  const panel = await browser.context.newPage();
  panel.setDefaultTimeout(15_000);
  await panel.setViewportSize(VIEWPORT);
  await panel.clock.install({ time: T0 });
  await panel.goto(`chrome-extension://${browser.extensionId}/side-panel/index.html`);
  await createMeeting(panel, 'Launch readiness');
  await panel.getByLabel(msg('agendaTitleLabel', '1')).fill(LONG_TITLE);
  await panel.clock.pauseAt(T0 + MIN);
  await startMeeting(panel);

  const title = panel.locator('#current-title');
  const lines = () => title.evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
  assert.is(await lines(), 2);
  assert.is((await title.textContent())?.trim(), LONG_TITLE.trim(), 'screen readers get the whole title');
  assert.is(await title.getAttribute('title'), LONG_TITLE);
  const next = (await panel.getByRole('button', { name: new RegExp(msg('runNext')) }).boundingBox())!;
  assert.ok(next.y + next.height <= VIEWPORT.height, `Next ends at ${next.y + next.height}px`);
  await shoot(panel, 'panel-long-title');

  await panel.getByRole('button', { name: msg('shareButton') }).focus();
  await panel.keyboard.press('Tab');
  assert.ok(await title.evaluate((el) => el === document.activeElement), 'the cut title is the next tab stop');
  assert.ok((await lines()) > 2, 'keyboard focus shows it whole');
  await shoot(panel, 'panel-title-focus');
  await panel.keyboard.press('Tab');
  assert.is(await lines(), 2, 'and it folds again when focus moves on');

  await panel.clock.fastForward(6 * MIN);
  await panel.locator('.now .over-state').waitFor();
  const text = (await panel.locator('.now').innerText()).toLowerCase();
  assert.is(text.split(msg('clockOver').toLowerCase()).length - 1, 1, 'one overrun message');
  assert.not.ok(text.includes('over by'), text);
  const widths = await panel.locator('.bar .seg').evaluateAll((segs) => segs.map((s) => s.getBoundingClientRect().width));
  for (const width of widths) assert.ok(width >= 8, `segments ${widths.join(', ')}px`);
  assert.ok(((await panel.locator('.bar .seg.current .fill').boundingBox())?.width ?? 0) > 0, 'the current segment is filled');
  assert.ok(await panel.locator('.bar .seg.current .overrun').isVisible(), 'its overrun is visible');
  await shoot(panel, 'panel-overrun');
});

test.run();
