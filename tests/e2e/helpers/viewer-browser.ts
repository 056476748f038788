// Headless Chromium (no extension) for the live viewer's tests: one browser, a fresh context per
// visitor, and a record of what went wrong on the page (dialogs, page errors, CSP reports).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { VIEWER_DIST_DIR } from '../../../sync-server/web/viewer/viewer-files.ts';
import { CHROMIUM_PATH, E2eSetupError } from './extension-browser.ts';

export const PHONE = { width: 360, height: 740 } as const;

export interface Visitor {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Dialogs, uncaught errors and Content-Security-Policy violations, as text. */
  readonly problems: string[];
  /** The URL of every websocket the page opened, in order. */
  readonly sockets: string[];
  /** How many of them are open now. */
  openSockets(): number;
  close(): Promise<void>;
}

/** Headless Chromium without the extension, for the relay's own pages; `lang` sets its UI language. */
export function launchPageBrowser(options: { readonly lang?: string } = {}): Promise<Browser> {
  const lang = options.lang === undefined ? [] : [`--lang=${options.lang}`];
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Two cores shared with other suites: give a slow start room rather than fail the suite.
    timeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...lang],
  });
}

export async function launchViewerBrowser(): Promise<Browser> {
  if (!existsSync(join(VIEWER_DIST_DIR, 'index.html'))) {
    throw new E2eSetupError(`no built viewer at ${VIEWER_DIST_DIR}; run \`npm run build\` first.`);
  }
  return launchPageBrowser();
}

export async function visit(
  browser: Browser,
  url: string,
  options: {
    readonly colorScheme?: 'light' | 'dark';
    readonly viewport?: { width: number; height: number };
    /** This device's clock runs this far ahead of the real time (Playwright's clock). */
    readonly clockSkewMs?: number;
    /** The reader's language (navigator.language), e.g. "de-DE"; English by default. */
    readonly locale?: string;
    /** The reader's time zone, e.g. "Asia/Tokyo"; the machine's by default. */
    readonly timezoneId?: string;
    /** Requests whose URL matches this glob fail, as on a connection that drops them. */
    readonly failing?: string;
  } = {},
): Promise<Visitor> {
  const context = await browser.newContext({
    acceptDownloads: true,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? PHONE,
    ...(options.locale === undefined ? {} : { locale: options.locale }),
    ...(options.timezoneId === undefined ? {} : { timezoneId: options.timezoneId }),
  });
  if (options.clockSkewMs) await context.clock.install({ time: Date.now() + options.clockSkewMs });
  if (options.failing !== undefined) await context.route(options.failing, (route) => route.abort('connectionreset'));
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  const sockets: string[] = [];
  let open = 0;
  page.on('websocket', (socket) => {
    sockets.push(socket.url());
    open += 1;
    socket.on('close', () => (open -= 1));
  });
  await page.goto(url);
  return { context, page, problems, sockets, openSockets: () => open, close: () => context.close() };
}
