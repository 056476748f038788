/// <reference types="chrome" />
// The relay this copy of the extension was downloaded from, if any: a relay with a public URL
// writes itself into the package it serves (wire/extension-package.ts), and it becomes the
// default relay URL. Development builds have no such file; content scripts, which run on other
// sites' pages, never look for it.
import { PACKAGED_RELAY_FILE, readPackagedRelay } from '../../wire/extension-package.ts';

let packaged: Promise<string | null> | null = null;

async function read(): Promise<string | null> {
  if (globalThis.location?.protocol !== 'chrome-extension:') return null;
  try {
    const response = await fetch(chrome.runtime.getURL(PACKAGED_RELAY_FILE));
    return response.ok ? readPackagedRelay(await response.json()) : null;
  } catch {
    return null;
  }
}

export function packagedRelayUrl(): Promise<string | null> {
  return (packaged ??= read());
}
