// A stored row that cannot be read (a write cut short, a disk fault) hides nothing else: the
// library still lists the meeting, the meeting still opens with what could be read, both say
// that part of their data could not be read, and the unreadable bytes are kept aside, not lost.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, eventually, msg, openMeeting } from './helpers/extension-flows.ts';

const test = suite<{ browser: ExtensionBrowser | null }>('e2e unreadable stored rows', { browser: null });

test.after(async (ctx) => {
  await ctx.browser?.close(true);
});

// String scripts: tsx would name the helpers inside a function, and the page has no `__name`.
const REQUEST = `const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });`;

/** Appends the first half of the database's first row as a new row: an update cut short. */
function appendTruncatedRow(page: Page, name: string): Promise<void> {
  return page.evaluate(`(async () => {
    ${REQUEST}
    const db = await request(indexedDB.open(${JSON.stringify(name)}));
    const store = db.transaction('updates', 'readwrite').objectStore('updates');
    const [first] = await request(store.getAll());
    await request(store.add(first.slice(0, Math.floor(first.length / 2))));
    db.close();
  })()`) as Promise<void>;
}

/** How many rows the database keeps in its log and how many aside. */
function rowCounts(page: Page, name: string): Promise<{ log: number; aside: number }> {
  return page.evaluate(`(async () => {
    ${REQUEST}
    const db = await request(indexedDB.open(${JSON.stringify(name)}));
    const tx = db.transaction(['updates', 'custom']);
    const log = await request(tx.objectStore('updates').count());
    const aside = (await request(tx.objectStore('custom').getAllKeys())).filter((k) => String(k).startsWith('unreadable-row:')).length;
    db.close();
    return { log, aside };
  })()`) as Promise<{ log: number; aside: number }>;
}

test('a truncated row in the library and in a meeting: both load what they can and say so', async (ctx) => {
  ctx.browser = await launchExtension();
  const panel = await ctx.browser.page('side-panel/index.html');
  const id = await createMeeting(panel, 'Cut short survivor', 'Retrospective');
  await panel.getByLabel(msg('meetingTitleLabel'), { exact: true }).waitFor();
  await panel.close();

  const other = await ctx.browser.page('options/index.html');
  const libraryName = (await other.evaluate(`indexedDB.databases()`) as { name: string }[]).map((db) => db.name).find((n) => n.startsWith('library/'))!;
  assert.ok(libraryName, 'the library has its database');
  await appendTruncatedRow(other, libraryName);
  await appendTruncatedRow(other, `meeting/${id}`);

  const again = await ctx.browser.page('side-panel/index.html');
  await again.getByRole('alert').filter({ hasText: msg('libraryPartlyUnreadable') }).waitFor({ timeout: 15_000 });
  await again.locator(`[data-meeting="${id}"]`).getByText('Cut short survivor').waitFor();
  await openMeeting(again, id);
  await again.getByRole('alert').filter({ hasText: msg('meetingPartlyUnreadable') }).waitFor({ timeout: 15_000 });
  assert.is(await again.getByLabel(msg('meetingTitleLabel'), { exact: true }).inputValue(), 'Cut short survivor');

  // The unreadable bytes are moved aside, so the next load reads a whole log; the alert stays.
  assert.equal((await eventually(async () => {
    const counts = await rowCounts(again, `meeting/${id}`);
    return counts.aside === 1 ? counts : null;
  }, 'the unreadable meeting row set aside')).aside, 1);
  await again.reload();
  await again.getByRole('alert').filter({ hasText: msg('meetingPartlyUnreadable') }).waitFor({ timeout: 15_000 });
  await again.evaluate(() => (location.hash = '#/'));
  await again.getByRole('alert').filter({ hasText: msg('libraryPartlyUnreadable') }).waitFor({ timeout: 15_000 });
  assert.equal((await rowCounts(again, libraryName)).aside, 1);
});

test.run();
