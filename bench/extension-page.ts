// Shared by the extension page benchmarks: a real Chromium with the built extension, documents
// written straight into the extension's IndexedDB in y-indexeddb's layout (one 'updates' store of
// Yjs updates per document name) before any page opens them, and in-page timing from a start
// mark to the frame after the awaited element appeared.
import * as Y from 'yjs';
import { addIndexEntry, libraryDocName, meetingIndexEntry, newId, type MeetingId, type SpaceId } from '../crdt/index.ts';
import { launchExtension, type ExtensionBrowser } from '../tests/e2e/helpers/extension-browser.ts';
import { seededRandom } from './fixtures/seeded-random.ts';
import { formatMs, percentile } from './measure.ts';
import type { BenchRow } from './bench-result.ts';
import { loadavg } from 'node:os';

export const SIDE_PANEL = 'side-panel/index.html' as const;
const Y_INDEXEDDB = { updates: 'updates', custom: 'custom' } as const;

export async function startBrowser(): Promise<{ browser: ExtensionBrowser; libraryName: string }> {
  const browser = await launchExtension();
  const worker = await browser.worker();
  // The background creates the local space id at install; wait for it, boundedly.
  const spaceId = await worker.evaluate(async () => {
    for (let i = 0; i < 100; i++) {
      const { localSpaceId } = await chrome.storage.local.get('localSpaceId');
      if (typeof localSpaceId === 'string') return localSpaceId;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('no local space id after 5 s');
  });
  return { browser, libraryName: libraryDocName(spaceId as SpaceId) };
}

export async function seedDoc(browser: ExtensionBrowser, name: string, update: Uint8Array): Promise<void> {
  const worker = await browser.worker();
  await worker.evaluate(
    async ({ name, bytes, stores }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onupgradeneeded = () => {
          req.result.createObjectStore(stores.updates, { autoIncrement: true });
          req.result.createObjectStore(stores.custom);
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(stores.updates, 'readwrite');
        tx.objectStore(stores.updates).add(new Uint8Array(bytes));
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { name, bytes: Array.from(update), stores: Y_INDEXEDDB },
  );
}

/** A library index of `count` meetings: a third ended, one running, the rest planned. */
export function libraryWithMeetings(count: number, now: number, extra: readonly Y.Doc[] = []): Uint8Array {
  const random = seededRandom(7);
  const lib = new Y.Doc();
  for (let i = 0; i < count; i++) {
    const id: MeetingId = newId(random);
    const status = i === 0 ? 'running' : i % 3 === 0 ? 'ended' : 'planned';
    const scheduledFor = now + (status === 'ended' ? -1 : 1) * (i + 1) * 3_600_000;
    addIndexEntry(lib, { id, title: `Meeting ${i + 1}: roadmap, hiring and budget review`, scheduledFor, status, createdAt: now - i * 60_000, followUpOf: null }, now);
  }
  for (const meeting of extra) {
    const entry = meetingIndexEntry(meeting, now);
    if (entry) addIndexEntry(lib, entry, now);
  }
  return Y.encodeStateAsUpdate(lib);
}

// In-page source, kept as text: a transpiled function's toString() may call helpers (__name)
// that do not exist in the page. paintedAfter(selector, count, timeoutMs) resolves with
// performance.now() at the second animation frame after `selector` matched `count` nodes (the
// first callback runs before the paint that shows them).
export const PAINTED_AFTER_SOURCE = `function paintedAfter(selector, count, timeoutMs) {
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(selector + ' x' + count + ' not seen')), timeoutMs);
    let done = false;
    const check = () => {
      if (done || document.querySelectorAll(selector).length < count) return;
      done = true;
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => {
        clearTimeout(deadline);
        resolve(performance.now());
      }));
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
    check();
  });
}` as const;

/** Median (against the target), p95, and the first sample, which paid for loading code. */
export function pageRows(what: string, firstLabel: string, samples: readonly number[], targetMs: number): BenchRow[] {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  return [
    { metric: `${what} (median)`, value: formatMs(median), target: `< ${targetMs} ms`, ok: median < targetMs },
    { metric: `${what} (p95)`, value: formatMs(percentile(sorted, 95)) },
    { metric: firstLabel, value: formatMs(samples[0] ?? Number.NaN) },
  ];
}

export function loadNote(): string {
  return `1-minute load average when it started: ${loadavg()[0]?.toFixed(1)} (other work shares the machine).`;
}
