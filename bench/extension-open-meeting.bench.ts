// Opening the large meeting (bench/fixtures/large-meeting.ts: 40 items, 20,000 characters of
// notes, 1,000 clock events) from the side panel: from the route change to the frame in which
// its run view is painted, loading the document from IndexedDB each time.
import type { BenchResult } from './bench-result.ts';
import { buildLargeMeeting } from './fixtures/large-meeting.ts';
import { libraryWithMeetings, loadNote, pageRows, PAINTED_AFTER_SOURCE, seedDoc, SIDE_PANEL, startBrowser } from './extension-page.ts';
import { meetingDocName } from '../crdt/index.ts';

const RUNS = 15 as const;
const TARGET_MS = 100 as const;

export default async function run(): Promise<BenchResult> {
  const meeting = buildLargeMeeting();
  const { browser, libraryName } = await startBrowser();
  try {
    await seedDoc(browser, meetingDocName(meeting.id), meeting.update);
    await seedDoc(browser, libraryName, libraryWithMeetings(20, Date.now(), [meeting.doc]));
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`chrome-extension://${browser.extensionId}/${SIDE_PANEL}`);
    await page.locator('a[data-meeting]').first().waitFor();
    await page.evaluate(`window.__paintedAfter = ${PAINTED_AFTER_SOURCE}`);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const ms = await page.evaluate(async (id) => {
        const w = window as unknown as { __paintedAfter: (s: string, n: number, t: number) => Promise<number> };
        const start = performance.now();
        location.hash = `#/meeting/${id}`;
        const end = await w.__paintedAfter('.run .current-title', 1, 10_000);
        return end - start;
      }, meeting.id);
      samples.push(ms);
      await page.evaluate(() => (location.hash = '#/'));
      await page.locator('a[data-meeting]').first().waitFor();
    }
    await page.close();
    return {
      name: 'extension-open-meeting',
      title: 'open the large meeting in the side panel',
      rows: pageRows('route change → run view painted', "first open (also loads the meeting views' code)", samples, TARGET_MS),
      notes: [
        loadNote(),
        `${RUNS} opens in one side panel page, headless Chromium (Debian), 360x800; each open loads the document from IndexedDB (it is closed when the view is left).`,
        'Painted = the second animation frame after the run view is in the DOM: current item, clock, controls, decisions, 100 actions, the 40-item agenda; the two notes show as plain text and become CodeMirror editors when the page is next idle (NotesEditor `deferred`).',
      ],
    };
  } finally {
    await browser.close(true);
  }
}
