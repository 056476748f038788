// Launches Debian's Chromium with the built extension in a persistent profile, the way a person
// runs it. A missing browser or build fails loudly: end-to-end tests never skip silently.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const DIST = join(import.meta.dirname, '..', '..', '..', 'dist', 'extension');

export class E2eSetupError extends Error {
  override name = 'E2eSetupError';
}

export interface ExtensionBrowser {
  readonly context: BrowserContext;
  readonly extensionId: string;
  readonly userDataDir: string;
  /** The extension's service worker (re-read after restarts). */
  worker(): Promise<Worker>;
  page(path: string): Promise<Page>;
  /** Closes the browser; keeps the profile unless removeProfile is set. */
  close(removeProfile?: boolean): Promise<void>;
}

export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'ltm-e2e-profile-'));
}

export function assertReady(): void {
  if (!existsSync(CHROMIUM_PATH)) throw new E2eSetupError(`Chromium not found at ${CHROMIUM_PATH}; install Debian's chromium package (.ci/run does).`);
  if (!existsSync(join(DIST, 'manifest.json'))) throw new E2eSetupError(`no built extension at ${DIST}; run \`npm run build\` first.`);
}

async function findWorker(context: BrowserContext): Promise<Worker> {
  const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  return existing ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
}

export interface LaunchOptions {
  /** The browser's UI language (chrome.i18n and navigator.language), e.g. "de"; English by default. */
  readonly lang?: string;
}

/** extensionDir: an unpacked extension folder other than the build (a downloaded package). */
export async function launchExtension(userDataDir: string = newProfileDir(), extensionDir: string = DIST, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  assertReady();
  // Chromium on Linux takes its UI language from LANGUAGE; --lang and the context locale cover
  // the other places it is read from.
  const language = options.lang === undefined ? {} : { env: { ...process.env, LANGUAGE: options.lang }, locale: options.lang };
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...language,
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...(options.lang === undefined ? [] : [`--lang=${options.lang}`]),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const first = await findWorker(context);
  const extensionId = new URL(first.url()).host;
  return {
    context,
    extensionId,
    userDataDir,
    worker: () => findWorker(context),
    async page(path: string) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close(removeProfile = false) {
      await context.close();
      if (removeProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
