// An edit link on a meeting at the relay's size cap: the meeting still shows, and a note typed in
// the browser is refused (4409), which the page explains in its own words ("too large to change")
// instead of calling the link invalid.
import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { itemNotesText, startMeeting } from '../../crdt/index.ts';
import { startFacilitator } from './helpers/facilitator.ts';
import { shoot } from './helpers/screenshots.ts';
import { launchViewerBrowser, visit } from './helpers/viewer-browser.ts';
import { startViewerRelay } from './helpers/viewer-relay.ts';

const test = suite('e2e viewer document full');
const CHUNK = 6_000;

test('a note typed through an edit link into a full meeting gets the "too large" page', async () => {
  const relay = await startViewerRelay({ relay: { maxMessageBytes: 16 * 1024, maxDocumentBytes: 32 * 1024 } });
  const browser = await launchViewerBrowser();
  const f = await startFacilitator(relay, { kind: 'agenda', title: 'Planning that outgrew the relay', items: [{ title: 'Check-in', plannedSec: 300 }, { title: 'Roadmap', plannedSec: 600 }] });
  try {
    startMeeting(f.doc, f.stamp());
    const notes = itemNotesText(f.doc, f.items[0]!)!;
    const stored = async () => (await relay.store.load(f.docName)).byteSize;
    // Six chunks, each stored before the next: the last passes the cap.
    for (let i = 0; i < 6; i++) {
      const before = await stored();
      notes.insert(notes.length, randomBytes(CHUNK).toString('base64').slice(0, CHUNK));
      for (let t = 0; t < 200 && (await stored()) < before + CHUNK; t++) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok((await stored()) >= 32 * 1024, `stored ${await stored()} bytes`);

    const link = await f.share('edit');
    const visitor = await visit(browser, relay.httpUrl + link.path);
    const { page } = visitor;
    await page.waitForSelector('#current-title:has-text("Check-in")', { timeout: 20_000 });
    const before = await stored();
    await page.locator('.notes .cm-content').first().click();
    await page.keyboard.type('one more line');
    await page.waitForSelector('[data-problem="full"]', { timeout: 20_000 });
    assert.match((await page.textContent('h1')) ?? '', 'This meeting is too large to change');
    await shoot(page, 'viewer-document-full');
    assert.is(await stored(), before, 'the refused note was stored');
    assert.not.ok(notes.toString().includes('one more line'), 'the refused note reached the facilitator');
    await visitor.close();
  } finally {
    f.close();
    await browser.close();
    await relay.close();
  }
});

test.run();
