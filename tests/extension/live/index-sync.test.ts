// The library index follows a meeting document: created on first sync, updated when the title,
// schedule or status change, and left alone (no new update) when nothing it lists changed; never
// re-created for a meeting removed from the library for good.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { addItem, createMeeting, deleteForever, endMeeting, libraryView, moveToTrash, newId, startMeeting, updateMeeting, type ActorId, type MeetingId } from '../../../crdt/index.ts';
import { followMeeting, syncIndexEntry } from '../../../extension/live/index-sync.ts';

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const by = newId<ActorId>(random);
// Clock operations take real wall-clock times only.
const T0 = Date.UTC(2026, 2, 2, 9);

test('an index entry mirrors the meeting and is written only on change', () => {
  const lib = new Y.Doc();
  const meeting = new Y.Doc();
  const id = createMeeting(meeting, { id: newId<MeetingId>(random), title: 'Plan', now: 10 });
  syncIndexEntry(meeting, lib, 20);
  assert.equal(libraryView(lib).meetings.map((m) => [m.id, m.title, m.status]), [[id, 'Plan', 'planned']]);

  let writes = 0;
  lib.on('update', () => writes++);
  syncIndexEntry(meeting, lib, 30);
  assert.is(writes, 0, 'nothing changed, nothing written');

  updateMeeting(meeting, { title: 'Planning', scheduledFor: 5_000 });
  syncIndexEntry(meeting, lib, 40);
  const [entry] = libraryView(lib).meetings;
  assert.equal([entry?.title, entry?.scheduledFor], ['Planning', 5_000]);
  assert.is(writes, 1);
});

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('followMeeting keeps the entry in step, coalesced, and flushes when stopped', async () => {
  const lib = new Y.Doc();
  const meeting = new Y.Doc();
  createMeeting(meeting, { id: newId<MeetingId>(random), title: 'Weekly', now: T0 });
  addItem(meeting, { random, title: 'A', plannedSec: 60 });
  let writes = 0;
  lib.on('update', () => writes++);
  const DELAY_MS = 5;
  const stop = followMeeting(meeting, () => Promise.resolve(lib), () => T0 + 1_000, DELAY_MS);
  await settle(DELAY_MS * 4);
  assert.is(libraryView(lib).meetings[0]?.status, 'planned');

  writes = 0;
  for (let i = 0; i < 20; i++) updateMeeting(meeting, { title: `Weekly ${i}` });
  await settle(DELAY_MS * 4);
  assert.is(libraryView(lib).meetings[0]?.title, 'Weekly 19');
  assert.is(writes, 1, 'twenty edits, one index write');

  startMeeting(meeting, { now: T0 + 1_000, by });
  stop();
  await Promise.resolve();
  assert.is(libraryView(lib).meetings[0]?.status, 'running', 'the pending sync is flushed on stop');
  endMeeting(meeting, { now: T0 + 2_000, by });
  await settle(DELAY_MS * 4);
  assert.is(libraryView(lib).meetings[0]?.status, 'running', 'no longer followed');
});

/** A meeting followed from `first`, with a way to switch the open library as a sign-in or
 *  sign-out does; each step waits for the coalesced sync. */
async function followedAcrossSwitch(title: string, first: Y.Doc) {
  const DELAY_MS = 5;
  let current = first;
  const meeting = new Y.Doc();
  createMeeting(meeting, { id: newId<MeetingId>(random), title, now: T0 });
  const stop = followMeeting(meeting, () => Promise.resolve(current), () => T0 + 1_000, DELAY_MS);
  await settle(DELAY_MS * 4);
  return {
    async switchTo(next: Y.Doc, newTitle: string) {
      current = next;
      updateMeeting(meeting, { title: newTitle });
      await settle(DELAY_MS * 4);
    },
    async stop() {
      stop();
      await Promise.resolve();
    },
  };
}

test('followMeeting writes to the library open at each sync: after a sign-in, the account library that took the meeting in', async () => {
  const before = new Y.Doc();
  const after = new Y.Doc();
  const followed = await followedAcrossSwitch('Kept open', before);
  assert.is(libraryView(before).meetings[0]?.title, 'Kept open');
  // The sign-in merged the local library into the account's, then switched to it.
  Y.applyUpdate(after, Y.encodeStateAsUpdate(before));
  await followed.switchTo(after, 'Renamed after the switch');
  assert.is(libraryView(after).meetings[0]?.title, 'Renamed after the switch');
  assert.is(libraryView(before).meetings[0]?.title, 'Kept open', 'the closed library is left alone');
  await followed.stop();
});

test('followMeeting never adds the meeting to a library it switched to that does not know it: a sign-out', async () => {
  const account = new Y.Doc();
  const local = new Y.Doc();
  const followed = await followedAcrossSwitch('The account meeting', account);
  assert.is(libraryView(account).meetings.length, 1);
  await followed.switchTo(local, 'Edited after signing out');
  await followed.stop();
  assert.is(libraryView(local).meetings.length, 0, 'the local library is not given the account meeting');
});

test('a meeting removed from the library for good is not listed again by its still-open document', () => {
  const lib = new Y.Doc();
  const meeting = new Y.Doc();
  const id = createMeeting(meeting, { id: newId<MeetingId>(random), title: 'Secret', now: 10 });
  syncIndexEntry(meeting, lib, 20);
  moveToTrash(lib, { kind: 'meeting', id }, 30);
  deleteForever(lib, { kind: 'meeting', id });
  updateMeeting(meeting, { title: 'Secret, edited late' });
  syncIndexEntry(meeting, lib, 40);
  assert.equal(libraryView(lib).meetings, []);
  assert.equal(libraryView(lib).trash, []);
});

test.run();
