import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import fc from 'fast-check';
import {
  addIndexEntry, createTemplate, deleteForever, LIMITS, libraryView, moveToTrash, newId, purgeTrash, restoreFromTrash,
} from '../../crdt/index.ts';
import type { MeetingId, TemplateId, TrashRef } from '../../crdt/index.ts';
import { cloneDoc, seededRandom, sync, T0 } from './helpers.ts';

const trash = suite('trash');
const random = seededRandom(41);
const DAY = 24 * 3600 * 1000;

function libraryWith(meetings: number, templates: number, seed = 5): { lib: Y.Doc; refs: TrashRef[] } {
  const rnd = seededRandom(seed);
  const lib = new Y.Doc();
  const refs: TrashRef[] = [];
  for (let i = 0; i < meetings; i++) {
    const id: MeetingId = newId(rnd);
    addIndexEntry(lib, { id, title: `Meeting ${i}`, scheduledFor: null, status: 'planned', createdAt: T0 + i, followUpOf: null }, T0);
    refs.push({ kind: 'meeting', id });
  }
  for (let i = 0; i < templates; i++) {
    const id = createTemplate(lib, { random: rnd, now: T0, name: `Template ${i}`, items: [] });
    refs.push({ kind: 'template', id });
  }
  return { lib, refs };
}

const listed = (lib: Y.Doc) => {
  const v = libraryView(lib);
  return { meetings: v.meetings.map((m) => m.id), own: v.templates.filter((t) => !t.builtIn).map((t) => t.id), trash: v.trash.map((e) => e.id) };
};

trash('a deleted meeting or template leaves the lists for the trash, and restore brings it back', () => {
  const { lib, refs } = libraryWith(2, 1);
  const [m0, m1, t0] = refs as [TrashRef, TrashRef, TrashRef];
  assert.ok(moveToTrash(lib, m0, T0 + DAY));
  assert.ok(moveToTrash(lib, t0, T0 + 2 * DAY));
  const v = libraryView(lib);
  assert.equal(v.meetings.map((m) => m.id), [m1.id]);
  assert.not.ok(v.templates.some((t) => t.id === t0.id));
  assert.equal(v.trash.map((e) => [e.kind, e.title, e.deletedAt, e.purgeAt]), [
    ['template', 'Template 0', T0 + 2 * DAY, T0 + 32 * DAY],
    ['meeting', 'Meeting 0', T0 + DAY, T0 + 31 * DAY],
  ]);
  assert.equal(v.warnings, []);
  assert.ok(restoreFromTrash(lib, m0));
  assert.not.ok(restoreFromTrash(lib, m0), 'already restored');
  assert.equal(listed(lib).meetings.sort(), [m0.id, m1.id].sort());
  assert.equal(listed(lib).trash, [t0.id]);
});

trash('deleting twice keeps the first time; unknown entries report false', () => {
  const { lib, refs } = libraryWith(1, 0);
  moveToTrash(lib, refs[0]!, T0 + DAY);
  assert.ok(moveToTrash(lib, refs[0]!, T0 + 5 * DAY));
  assert.is(libraryView(lib).trash[0]!.deletedAt, T0 + DAY);
  const ghost: TrashRef = { kind: 'template', id: newId<TemplateId>(random) };
  assert.not.ok(moveToTrash(lib, ghost, T0));
  assert.not.ok(restoreFromTrash(lib, ghost));
  assert.not.ok(deleteForever(lib, ghost));
});

trash('delete forever removes only what is in the trash', () => {
  const { lib, refs } = libraryWith(2, 0);
  assert.not.ok(deleteForever(lib, refs[1]!), 'not in the trash');
  moveToTrash(lib, refs[0]!, T0);
  assert.ok(deleteForever(lib, refs[0]!));
  assert.equal(listed(lib), { meetings: [refs[1]!.id], own: [], trash: [] });
});

trash('a re-synced index entry keeps a deleted meeting in the trash', () => {
  const { lib, refs } = libraryWith(1, 0);
  const id = refs[0]!.id as MeetingId;
  moveToTrash(lib, refs[0]!, T0);
  addIndexEntry(lib, { id, title: 'Renamed elsewhere', scheduledFor: null, status: 'ended', createdAt: T0, followUpOf: null }, T0 + 1);
  assert.equal(libraryView(lib).trash.map((e) => e.title), ['Renamed elsewhere']);
  assert.equal(libraryView(lib).meetings, []);
});

trash('purge removes entries exactly from 30 days after deletion, and writes nothing when none is due', () => {
  const { lib, refs } = libraryWith(1, 1);
  moveToTrash(lib, refs[0]!, T0);
  moveToTrash(lib, refs[1]!, T0 + DAY);
  let updates = 0;
  lib.on('update', () => updates++);
  assert.equal(purgeTrash(lib, T0 + LIMITS.trashKeepMs - 1), []);
  assert.is(updates, 0);
  assert.equal(purgeTrash(lib, T0 + LIMITS.trashKeepMs), [refs[0]]);
  assert.equal(listed(lib).trash, [refs[1]!.id]);
  assert.is(updates, 1);
});

trash('a malformed stamp is reported and the entry stays listed', () => {
  const { lib, refs } = libraryWith(1, 0);
  (lib.getMap('meetings').get(refs[0]!.id) as Y.Map<unknown>).set('deletedAt', 'yesterday');
  const v = libraryView(lib);
  assert.is(v.meetings.length, 1);
  assert.equal(v.warnings.map((w) => w.where), [`meetings.${refs[0]!.id}.deletedAt`]);
  assert.equal(purgeTrash(lib, T0 + 365 * DAY), []);
});

trash('a restore concurrent with a new deletion loses to it on every replica', () => {
  const { lib: a, refs } = libraryWith(1, 0);
  moveToTrash(a, refs[0]!, T0);
  const b = cloneDoc(a);
  restoreFromTrash(a, refs[0]!);
  restoreFromTrash(b, refs[0]!);
  moveToTrash(b, refs[0]!, T0 + 2);
  sync(a, b);
  assert.equal(listed(a), listed(b));
  assert.equal(listed(a).trash, [refs[0]!.id]);
});

// Operations any device may do to any entry, at any time, in any order.
const op = fc.record({
  replica: fc.integer({ min: 0, max: 2 }),
  kind: fc.constantFrom('trash', 'restore', 'forever', 'purge', 'sync'),
  entry: fc.integer({ min: 0, max: 3 }),
  at: fc.integer({ min: 0, max: 60 }).map((d) => T0 + d * DAY),
});

trash('property: replicas converge whatever each deletes, restores or purges, in any order', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
      const { lib, refs } = libraryWith(2, 2);
      const replicas = [lib, cloneDoc(lib), cloneDoc(lib)];
      for (const o of ops) {
        const doc = replicas[o.replica]!;
        const ref = refs[o.entry]!;
        if (o.kind === 'trash') moveToTrash(doc, ref, o.at);
        else if (o.kind === 'restore') restoreFromTrash(doc, ref);
        else if (o.kind === 'forever') deleteForever(doc, ref);
        else if (o.kind === 'purge') purgeTrash(doc, o.at);
        else sync(doc, replicas[(o.replica + 1) % 3]!);
      }
      for (let i = 0; i < 3; i++) sync(replicas[i]!, replicas[(i + 1) % 3]!);
      sync(replicas[0]!, replicas[1]!);
      const [first, ...rest] = replicas.map((d) => libraryView(d));
      for (const v of rest) assert.equal(v, first);
    }),
    { numRuns: 150 },
  );
});

trash('property: purge removes exactly the trashed entries past 30 days, whoever purges and when', () => {
  fc.assert(
    fc.property(
      fc.array(fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }), { minLength: 4, maxLength: 4 }),
      fc.integer({ min: 0, max: 120 }),
      fc.integer({ min: 0, max: 120 }),
      (deletedDays, nowA, nowB) => {
        const { lib, refs } = libraryWith(2, 2);
        deletedDays.forEach((d, i) => d !== null && moveToTrash(lib, refs[i]!, T0 + d * DAY));
        const b = cloneDoc(lib);
        purgeTrash(lib, T0 + nowA * DAY);
        purgeTrash(b, T0 + nowB * DAY);
        sync(lib, b);
        const later = Math.max(nowA, nowB);
        const kept = refs.filter((_, i) => deletedDays[i] === null || deletedDays[i]! + 30 > later).map((r) => r.id);
        const v = listed(lib);
        assert.equal([...v.meetings, ...v.own, ...v.trash].sort(), kept.sort());
        assert.equal(listed(b), v);
      },
    ),
    { numRuns: 200 },
  );
});

trash.run();
