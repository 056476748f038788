// What a person does in the extension, as steps the e2e suites share. Buttons and fields are
// found by their accessible names, read from the built messages.json, so wording can change
// without breaking the tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { format, type MessageTable } from '../../../extension/platform/i18n.ts';
import { DIST, type ExtensionBrowser } from './extension-browser.ts';

const WAIT_MS = 15_000;

export type Messages = (key: string, ...subs: (string | number)[]) => string;

/** The built extension's words in one of its languages (e.g. "de"), read on first use. */
export function messagesIn(lang: string): Messages {
  let table: MessageTable | null = null;
  return (key, ...subs) => {
    table ??= JSON.parse(readFileSync(join(DIST, '_locales', lang, 'messages.json'), 'utf8')) as MessageTable;
    const entry = table[key];
    if (!entry) throw new Error(`no message "${key}" in the built extension's ${lang} words`);
    return format(entry, subs.map(String));
  };
}

export const msg: Messages = messagesIn('en');

export interface Credentials {
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

export async function signUp(browser: ExtensionBrowser, relayUrl: string, who: Credentials): Promise<Page> {
  const page = await browser.page('options/index.html');
  await page.getByLabel(msg('optRelayUrl')).fill(relayUrl);
  await page.getByRole('button', { name: msg('optModeSignUp') }).click();
  await page.getByLabel(msg('optName')).fill(who.name);
  await page.getByLabel(msg('optEmail')).fill(who.email);
  await page.getByLabel(msg('optPassword')).fill(who.password);
  await page.getByRole('button', { name: msg('optCreateAccount') }).click();
  await page.getByText(msg('optSignedInAs', who.email)).waitFor({ timeout: WAIT_MS });
  return page;
}

export async function signIn(browser: ExtensionBrowser, relayUrl: string, who: Credentials): Promise<Page> {
  const page = await browser.page('options/index.html');
  await page.getByLabel(msg('optRelayUrl')).fill(relayUrl);
  await page.getByLabel(msg('optEmail')).fill(who.email);
  await page.getByLabel(msg('optPassword')).fill(who.password);
  await page.getByRole('button', { name: msg('optSignIn') }).click();
  await page.getByText(msg('optSignedInAs', who.email)).waitFor({ timeout: WAIT_MS });
  return page;
}

/** Creates a meeting from a built-in template in the side panel; returns its id. */
export async function createMeeting(panel: Page, title: string, template = 'Daily standup'): Promise<string> {
  await panel.evaluate(() => (location.hash = '#/new'));
  await panel.getByLabel(msg('meetingTitleLabel'), { exact: true }).fill(title);
  await panel.getByRole('radio', { name: new RegExp(`^${template}`) }).check();
  await panel.getByRole('button', { name: msg('newCreate') }).click();
  await panel.waitForURL(/#\/meeting\/[A-Za-z0-9_-]+$/, { timeout: WAIT_MS });
  return panel.url().split('#/meeting/')[1]!;
}

export async function openMeeting(panel: Page, meetingId: string): Promise<void> {
  await panel.evaluate((id) => (location.hash = `#/meeting/${id}`), meetingId);
}

export async function startMeeting(panel: Page): Promise<void> {
  await panel.getByRole('button', { name: msg('meetingStart') }).click();
  await panel.getByRole('timer').first().waitFor({ timeout: WAIT_MS });
}

export interface ShownClock {
  readonly item: string;
  /** Signed: negative in overrun. */
  readonly remainingSec: number;
}

export function parseClockText(text: string): number {
  const m = /(\+?)(\d+):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!m) throw new Error(`no clock in "${text}"`);
  const sec = m[4] === undefined ? Number(m[2]) * 60 + Number(m[3]) : Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return m[1] === '+' ? -sec : sec;
}

export async function shownClock(panel: Page): Promise<ShownClock> {
  const item = (await panel.locator('#current-title').textContent({ timeout: WAIT_MS }))?.trim() ?? '';
  const text = (await panel.getByRole('timer').first().textContent()) ?? '';
  return { item, remainingSec: parseClockText(text) };
}

/** Settings straight from chrome.storage.local, read in the service worker. */
export async function storedSettings(worker: Worker): Promise<Record<string, unknown>> {
  return worker.evaluate(async () => ((await chrome.storage.local.get('settings')).settings ?? {}) as Record<string, unknown>);
}

/** Waits until the stored settings hold `value` at `key`. A page writes a setting after its
 *  input changed, under a Web Lock, so a page closed at once could cut that write off. */
export async function settingStored(browser: ExtensionBrowser, key: string, value: unknown): Promise<void> {
  await eventually(async () => (await storedSettings(await browser.worker()))[key] === value || null, `the setting ${key} stored as ${String(value)}`);
}

/** Waits until fn returns a truthy value; bounded by count and time, never by a fixed sleep. */
export async function eventually<T>(fn: () => Promise<T>, what: string, timeoutMs = WAIT_MS): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (let i = 0; i < 1000 && Date.now() < deadline; i++) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
}
