// Replicas apply random operations while their updates travel a hostile network: delayed,
// reordered, duplicated, and held back while a replica is offline. After everything has been
// delivered, every read model must be identical on every replica.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as M from '../../crdt/index.ts';
import type { ActorId, MeetingId, RandomBytes } from '../../crdt/index.ts';
import { MIN, seededRandom, T0 } from './helpers.ts';

interface Replica {
  readonly meeting: Y.Doc;
  readonly library: Y.Doc;
  readonly random: RandomBytes;
  readonly by: ActorId;
  readonly skewMs: number;
  online: boolean;
}

interface Message {
  readonly from: number;
  readonly to: number;
  readonly kind: 'meeting' | 'library';
  readonly update: Uint8Array;
}

const OPS = [
  'addItem', 'renameItem', 'setPlannedTime', 'setItemOwner', 'setItemDone', 'moveItem', 'removeItem', 'typeItemNotes',
  'deleteItemNotes', 'typeMeetingNotes', 'addAction', 'updateAction', 'checkAction', 'removeAction', 'addDecision',
  'updateDecision', 'removeDecision', 'startMeeting', 'nextItem', 'extendItem', 'pauseClock', 'resumeClock', 'jumpToItem',
  'endMeeting', 'updateMeeting', 'createTemplate', 'renameTemplate', 'duplicateTemplate', 'trashTemplate',
  'addIndexEntry', 'editIndexEntry', 'trashMeeting', 'restoreFromTrash', 'deleteForever',
] as const;
type OpName = (typeof OPS)[number];

const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('op' as const), replica: fc.nat(), op: fc.constantFrom(...OPS, 'addItem', 'addItem', 'typeItemNotes', 'nextItem', 'startMeeting'), a: fc.nat(), b: fc.nat(), text: fc.string({ maxLength: 6 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(), duplicate: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('toggle' as const), replica: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 3 * MIN }) }) },
);

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

function apply(r: Replica, op: OpName, a: number, b: number, text: string, now: number): void {
  const { meeting: doc, library: lib, random } = r;
  const stamp = { now: now + r.skewMs, by: r.by };
  const view = M.meetingView(doc, stamp.now);
  const item = pick(view.items, a)?.id;
  const action = pick(view.actions, a)?.id;
  const decision = pick(view.decisions, a)?.id;
  const library = M.libraryView(lib);
  const own = library.templates.filter((t) => !t.builtIn);
  switch (op) {
    case 'addItem': M.addItem(doc, { random, title: text, plannedSec: (b % 20) * 30, index: b % 5 }); break;
    case 'renameItem': if (item) M.updateItem(doc, item, { title: text }); break;
    case 'setPlannedTime': if (item) M.updateItem(doc, item, { plannedSec: (b % 20) * 30 }); break;
    case 'setItemOwner': if (item) M.updateItem(doc, item, { owner: text }); break;
    case 'setItemDone': if (item) M.setItemDone(doc, item, b % 2 === 0); break;
    case 'moveItem': if (item) M.moveItem(doc, item, b % 6); break;
    case 'removeItem': if (item) M.removeItem(doc, item); break;
    case 'typeItemNotes': {
      const t = item && M.itemNotesText(doc, item);
      if (t) t.insert(b % (t.length + 1), text);
      break;
    }
    case 'deleteItemNotes': {
      const t = item && M.itemNotesText(doc, item);
      if (t && t.length > 0) t.delete(b % t.length, 1 + (a % 3));
      break;
    }
    case 'typeMeetingNotes': M.meetingNotesText(doc).insert(b % (M.meetingNotesText(doc).length + 1), text); break;
    case 'addAction': M.addAction(doc, { random, now, text, owner: text.slice(0, 2), itemId: item ?? null, due: b % 2 ? '2026-12-01' : null }); break;
    case 'updateAction': if (action) M.updateAction(doc, action, { text, owner: text, itemId: b % 2 ? item ?? null : null }); break;
    case 'checkAction': if (action) M.updateAction(doc, action, { done: b % 2 === 0 }); break;
    case 'removeAction': if (action) M.removeAction(doc, action); break;
    case 'addDecision': M.addDecision(doc, { random, now, text, itemId: item ?? null }); break;
    case 'updateDecision': if (decision) M.updateDecision(doc, decision, { text }); break;
    case 'removeDecision': if (decision) M.removeDecision(doc, decision); break;
    case 'startMeeting': M.startMeeting(doc, stamp); break;
    case 'nextItem': if (view.clock.currentItemId) M.nextItem(doc, view.clock.currentItemId, stamp); break;
    case 'extendItem': if (view.clock.currentItemId) M.extendItem(doc, view.clock.currentItemId, 30 + (b % 4) * 30, stamp); break;
    case 'pauseClock': M.pauseClock(doc, stamp); break;
    case 'resumeClock': M.resumeClock(doc, stamp); break;
    case 'jumpToItem': if (item) M.jumpToItem(doc, item, stamp); break;
    case 'endMeeting': M.endMeeting(doc, stamp); break;
    case 'updateMeeting': M.updateMeeting(doc, b % 2 ? { title: text } : { durationSec: b % 3 ? (b % 40) * 60 : null }); break;
    case 'createTemplate': M.createTemplate(lib, { random, now, name: text, items: [{ title: text, plannedSec: 60, prompt: '' }] }); break;
    case 'renameTemplate': { const t = pick(own, a); if (t) M.updateTemplate(lib, t.id, { name: text }, now); break; }
    case 'duplicateTemplate': { const t = pick(library.templates, a); if (t) M.duplicateTemplate(lib, t.id, { random, now }); break; }
    case 'trashTemplate': { const t = pick(own, a); if (t) M.moveToTrash(lib, { kind: 'template', id: t.id }, now); break; }
    case 'addIndexEntry': { const e = M.meetingIndexEntry(doc, now); if (e) M.addIndexEntry(lib, e, now); break; }
    case 'editIndexEntry': {
      const e = pick(library.meetings, a);
      if (e) M.addIndexEntry(lib, { id: e.id, title: text, scheduledFor: e.scheduledFor, status: (['planned', 'running', 'ended'] as const)[b % 3]!, createdAt: e.createdAt, followUpOf: e.followUpOf }, now);
      break;
    }
    case 'trashMeeting': { const e = pick(library.meetings, a); if (e) M.moveToTrash(lib, { kind: 'meeting', id: e.id }, now); break; }
    case 'restoreFromTrash': { const e = pick(library.trash, a); if (e) M.restoreFromTrash(lib, e); break; }
    case 'deleteForever': { const e = pick(library.trash, a); if (e) M.deleteForever(lib, e); break; }
  }
}

function readModels(r: Replica, now: number): unknown {
  return {
    meeting: M.meetingView(r.meeting, now),
    clock: M.clockView(M.readClockLog(r.meeting), now),
    report: M.meetingReport(r.meeting, now),
    markdown: M.meetingMarkdown(r.meeting, { now, timeZone: 'UTC' }),
    library: M.libraryView(r.library),
  };
}

const convergence = suite('convergence (properties)');

convergence('2-5 replicas, random operations, hostile network: identical read models after full exchange', () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 5 }), fc.array(fc.integer({ min: -5 * MIN, max: 5 * MIN }), { minLength: 5, maxLength: 5 }), fc.array(step, { minLength: 20, maxLength: 150, size: 'max' }), (n, skews, steps) => {
      const seed = new Y.Doc();
      const seedRandom = seededRandom(1000);
      const meetingId: MeetingId = M.newId(seedRandom);
      M.createMeeting(seed, { id: meetingId, title: 'Shared', now: T0 });
      for (const title of ['Intro', 'Plan', 'Close']) M.addItem(seed, { random: seedRandom, title, plannedSec: 300 });
      const replicas: Replica[] = Array.from({ length: n }, (_, i) => {
        const meeting = new Y.Doc();
        Y.applyUpdate(meeting, Y.encodeStateAsUpdate(seed));
        return { meeting, library: new Y.Doc(), random: seededRandom(i + 1), by: `replica-${i}` as ActorId, skewMs: skews[i]!, online: true };
      });
      const queue: Message[] = [];
      replicas.forEach((r, from) => {
        for (const kind of ['meeting', 'library'] as const) {
          r[kind].on('update', (update: Uint8Array, origin: unknown) => {
            if (origin === 'network') return;
            replicas.forEach((_, to) => { if (to !== from) queue.push({ from, to, kind, update }); });
          });
        }
      });
      const deliver = (m: Message) => Y.applyUpdate(replicas[m.to]![m.kind], m.update, 'network');
      let now = T0;
      for (const s of steps) {
        if (s.kind === 'tick') now += s.ms;
        else if (s.kind === 'toggle') { const r = replicas[s.replica % n]!; r.online = !r.online; }
        else if (s.kind === 'op') apply(replicas[s.replica % n]!, s.op, s.a, s.b, s.text, now);
        else if (queue.length > 0) {
          const index = s.pick % queue.length;
          const m = queue[index]!;
          // An offline replica neither sends nor receives: its messages wait in the queue.
          if (!replicas[m.from]!.online || !replicas[m.to]!.online) continue;
          deliver(m);
          if (!s.duplicate) queue.splice(index, 1);
        }
      }
      for (const m of queue) deliver(m);
      const views = replicas.map((r) => readModels(r, now + MIN));
      for (const v of views) assert.equal(v, views[0]);
      const first = views[0] as { meeting: M.MeetingView; library: M.LibraryView };
      assert.equal(first.meeting.warnings, []);
      assert.equal(first.library.warnings, []);
      for (const r of replicas) { r.meeting.destroy(); r.library.destroy(); }
    }),
    { numRuns: 150, interruptAfterTimeLimit: 20_000 },
  );
});

convergence.run();
