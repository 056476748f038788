// Real documents for account tests: a meeting with items, notes, a decision, an action and a
// clock history, and a library that indexes it, written to the store as the many small updates
// a relay would append (not one snapshot), so reading them back has something to merge.
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import {
  addAction,
  addDecision,
  addIndexEntry,
  addItem,
  createMeeting,
  createTemplate,
  endMeeting,
  meetingIndexEntry,
  nextItem,
  startMeeting,
  type ActorId,
  type MeetingId,
} from '../../../../crdt/index.ts';
import type { DocumentStore } from '../../../../sync-server/relay/storage/document-store.ts';

const random = (n: number) => new Uint8Array(randomBytes(n));
const T0 = Date.UTC(2026, 10, 2, 9, 0);
const MINUTE = 60_000;

/** Runs `edit` on a fresh doc and returns the doc with every update it produced, in order. */
function recorded(edit: (doc: Y.Doc) => void): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  edit(doc);
  return { doc, updates };
}

export function meetingFixture(meetingId: string, title: string): { doc: Y.Doc; updates: Uint8Array[] } {
  return recorded((doc) => {
    const by = 'facilitator-device-01' as ActorId;
    createMeeting(doc, { id: meetingId as MeetingId, title, now: T0 });
    const first = addItem(doc, { random, title: 'Check-in', plannedSec: 300, owner: 'Ana' });
    const second = addItem(doc, { random, title: 'Roadmap <b>Q3</b>', plannedSec: 900, notes: 'Ship the export first.' });
    startMeeting(doc, { now: T0, by });
    addDecision(doc, { random, now: T0 + MINUTE, text: 'Weekly demos on Friday', itemId: first });
    nextItem(doc, first, { now: T0 + 6 * MINUTE, by });
    addAction(doc, { random, now: T0 + 8 * MINUTE, text: 'Write the release note', owner: 'Bo', itemId: second });
    endMeeting(doc, { now: T0 + 20 * MINUTE, by });
  });
}

export function libraryFixture(meetings: readonly Y.Doc[]): { doc: Y.Doc; updates: Uint8Array[] } {
  return recorded((doc) => {
    createTemplate(doc, { random, now: T0, name: 'Team sync', items: [{ title: 'News', plannedSec: 600, prompt: 'What changed?' }] });
    for (const meeting of meetings) {
      const entry = meetingIndexEntry(meeting, T0);
      if (entry !== null) addIndexEntry(doc, entry, T0);
    }
  });
}

export async function storeUpdates(store: DocumentStore, doc: string, updates: readonly Uint8Array[]): Promise<void> {
  for (const update of updates) await store.append([{ doc, updates: [update] }]);
}
