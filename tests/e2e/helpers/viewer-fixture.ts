// One suite's world for the live viewer's tests: a relay serving the viewer, a browser, and
// facilitators and visitors that are all closed (visitors first) when the suite ends.
import type { Browser } from 'playwright-core';
import { startFacilitator, type AgendaItem, type Facilitator } from './facilitator.ts';
import { launchViewerBrowser, visit, type Visitor } from './viewer-browser.ts';
import { startViewerRelay, type ViewerRelay } from './viewer-relay.ts';

export interface ViewerFixture {
  readonly relay: ViewerRelay;
  readonly browser: Browser;
  facilitator(): Promise<Facilitator>;
  /** Opens a path (or a full URL) of the relay in a fresh context. */
  viewer(pathOrUrl: string, options?: Parameters<typeof visit>[2]): Promise<Visitor>;
  close(): Promise<void>;
}

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
    async close() {
      for (const thing of open.reverse()) await thing.close();
      await browser.close();
      await relay.close();
    },
  };
}
