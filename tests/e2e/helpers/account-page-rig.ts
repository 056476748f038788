// What the account page's e2e suites start with: a real relay, a client of its JSON API and a
// headless Chromium without the extension, in the UI language a suite asks for.
import type { Browser } from 'playwright-core';
import { apiClient, type ApiCall } from '../../sync-server/web/access/access-harness.ts';
import { startE2eRelay, type E2eRelay } from './e2e-relay.ts';
import { launchPageBrowser } from './viewer-browser.ts';

export interface AccountPageRig {
  readonly relay: E2eRelay;
  readonly api: ApiCall;
  readonly browser: Browser;
}

export async function startAccountPageRig(options: { readonly lang?: string } = {}): Promise<AccountPageRig> {
  const relay = await startE2eRelay();
  return { relay, api: apiClient(relay.httpUrl), browser: await launchPageBrowser(options) };
}
