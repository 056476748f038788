// Which meetings left a library for good, read from the library itself: after Delete forever, the
// purge, or a removal made on another replica and arriving later or loaded afterwards; never for a
// meeting that is merely in the trash, restored, or merged in from another library.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import {
  addIndexEntry, createTemplate, deleteForever, erasedMeetingIds, isErasedMeeting, LIMITS, moveToTrash, newId, onEntriesRemoved, onMeetingsErased, purgeTrash,
  removedEntryCount, restoreFromTrash,
} from '../../crdt/index.ts';
import type { MeetingId } from '../../crdt/index.ts';
import { seededRandom, sync, T0 } from './helpers.ts';

const test = suite('erased meetings');
const random = seededRandom(77);

function libraryWith(count: number): { lib: Y.Doc; ids: MeetingId[] } {
  const lib = new Y.Doc();
  const ids = Array.from({ length: count }, (_, i) => {
    const id: MeetingId = newId(random);
    addIndexEntry(lib, { id, title: `Meeting ${i}`, scheduledFor: null, status: 'planned', createdAt: T0, followUpOf: null }, T0);
    return id;
  });
  return { lib, ids };
}

const loaded = (doc: Y.Doc): Y.Doc => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};

test('deleted forever and purged meetings are erased; trashed and restored ones are not', () => {
  const { lib, ids } = libraryWith(4);
  const [forever, purged, trashed, restored] = ids as [MeetingId, MeetingId, MeetingId, MeetingId];
  moveToTrash(lib, { kind: 'meeting', id: forever }, T0 + 1);
  assert.ok(deleteForever(lib, { kind: 'meeting', id: forever }));
  moveToTrash(lib, { kind: 'meeting', id: purged }, T0 + 2);
  moveToTrash(lib, { kind: 'meeting', id: trashed }, T0 + LIMITS.trashKeepMs);
  moveToTrash(lib, { kind: 'meeting', id: restored }, T0 + 3);
  restoreFromTrash(lib, { kind: 'meeting', id: restored });
  purgeTrash(lib, T0 + 2 + LIMITS.trashKeepMs);
  assert.equal(erasedMeetingIds(lib).sort(), [forever, purged].sort());
  assert.equal(erasedMeetingIds(loaded(lib)).sort(), [forever, purged].sort(), 'read back from the stored state');
  assert.ok(isErasedMeeting(lib, forever));
  assert.not.ok(isErasedMeeting(lib, trashed));
  assert.not.ok(isErasedMeeting(lib, newId(random)), 'a meeting never listed');
});

test('a removal made on another replica is seen live when it arrives, and read from the state afterwards', () => {
  const { lib: here, ids } = libraryWith(2);
  const there = loaded(here);
  const seen: MeetingId[][] = [];
  const stop = onMeetingsErased(here, (erased) => seen.push(erased));
  moveToTrash(there, { kind: 'meeting', id: ids[0]! }, T0 + 1);
  sync(there, here);
  assert.equal(seen, [], 'moving to the trash erases nothing');
  deleteForever(there, { kind: 'meeting', id: ids[0]! });
  sync(there, here);
  assert.equal(seen, [[ids[0]]]);
  stop();
  assert.equal(erasedMeetingIds(here), [ids[0]]);
});

test('removals for good of meetings and templates are heard; the trash and a merge are not, and the stored state drops what was removed', () => {
  const { lib, ids } = libraryWith(2);
  const template = createTemplate(lib, { random, now: T0, name: 'Secret retro', items: [{ title: 'Private item', plannedSec: 60, prompt: 'Private prompt' }] });
  let heard = 0;
  const stop = onEntriesRemoved(lib, () => heard++);
  moveToTrash(lib, { kind: 'meeting', id: ids[0]! }, T0 + 1);
  moveToTrash(lib, { kind: 'template', id: template }, T0 + 1);
  assert.is(heard, 0, 'the trash is not a removal');
  assert.is(removedEntryCount(lib), 0);
  deleteForever(lib, { kind: 'template', id: template });
  assert.is(heard, 1);
  deleteForever(lib, { kind: 'meeting', id: ids[0]! });
  assert.is(heard, 2);
  assert.is(removedEntryCount(lib), 2);
  assert.is(removedEntryCount(loaded(lib)), 2, 'read back from the stored state');
  const stored = Buffer.from(Y.encodeStateAsUpdate(lib)).toString('utf8');
  for (const gone of ['Secret retro', 'Private item', 'Private prompt', 'Meeting 0']) assert.not.ok(stored.includes(gone), `${gone} is not in the stored state`);
  assert.ok(stored.includes('Meeting 1'), 'what stays is stored');
  Y.applyUpdate(lib, Y.encodeStateAsUpdate(libraryWith(1).lib));
  assert.is(heard, 2, 'merging another library in removes nothing');
  stop();
});

test('merging a library into another (sign-in) erases nothing', () => {
  const { lib: local, ids } = libraryWith(2);
  const { lib: account } = libraryWith(1);
  // The same meeting listed in both: the merge resolves the key's conflict, which is no removal.
  addIndexEntry(account, { id: ids[0]!, title: 'Meeting 0', scheduledFor: null, status: 'planned', createdAt: T0, followUpOf: null }, T0);
  const seen: MeetingId[][] = [];
  onMeetingsErased(account, (erased) => seen.push(erased));
  Y.applyUpdate(account, Y.encodeStateAsUpdate(local, Y.encodeStateVector(account)));
  assert.equal(seen, []);
  assert.equal(erasedMeetingIds(account), []);
});

test.run();
