// One suite's world for the live viewer's tests: a relay serving the viewer, a browser, and
// facilitators and visitors, closed (visitors first) after each test, and whatever a failed
// test left open when the suite ends. Each facilitator's provider holds a process 'exit'
// listener until it is closed, so a suite that kept them all would pile them up.
import type { Browser, Page } from 'playwright-core';
import { startFacilitator, type AgendaItem, type Facilitator } from './facilitator.ts';
import { launchViewerBrowser, visit, type Visitor } from './viewer-browser.ts';
import { startViewerRelay, type ViewerRelay } from './viewer-relay.ts';

export interface ViewerFixture {
  readonly relay: ViewerRelay;
  readonly browser: Browser;
  facilitator(): Promise<Facilitator>;
  /** Opens a path (or a full URL) of the relay in a fresh context. */
  viewer(pathOrUrl: string, options?: Parameters<typeof visit>[2]): Promise<Visitor>;
  /** Waits for selector; a timeout names what the page and the relay said instead. */
  shown(page: Page, selector: string): Promise<void>;
  /** Closes the facilitators and visitors opened so far (the suite's after.each). */
  closeOpened(): Promise<void>;
  close(): Promise<void>;
}

const SHOWN_TIMEOUT_MS = 20_000;

export async function startViewerFixture(meeting: { readonly title: string; readonly items: readonly AgendaItem[] }): Promise<ViewerFixture> {
  const relay = await startViewerRelay();
  const browser = await launchViewerBrowser();
  const open: { close(): unknown }[] = [];
  return {
    relay,
    browser,
    async facilitator() {
      const made = await startFacilitator(relay, { kind: 'agenda', ...meeting });
      open.push(made);
      return made;
    },
    async viewer(pathOrUrl, options = {}) {
      const made = await visit(browser, pathOrUrl.startsWith('/') ? relay.httpUrl + pathOrUrl : pathOrUrl, options);
      open.push(made);
      return made;
    },
    async shown(page, selector) {
      try {
        await page.waitForSelector(selector, { timeout: SHOWN_TIMEOUT_MS });
      } catch (error) {
        const body = ((await page.textContent('body').catch(() => null)) ?? '').replace(/\s+/g, ' ').trim().slice(0, 400);
        const logs = relay.logLines.slice(-6).join('').slice(0, 1200);
        throw new Error(`${selector} not shown; the page says: ${body}\nlast relay log lines:\n${logs}`, { cause: error });
      }
    },
    async closeOpened() {
      for (const thing of open.splice(0).reverse()) await thing.close();
    },
    async close() {
      for (const thing of open.splice(0).reverse()) await thing.close();
      await browser.close();
      await relay.close();
    },
  };
}
