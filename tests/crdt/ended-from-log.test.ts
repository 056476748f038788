// "Ended" is a fact of the folded clock log alone. Replicas that act concurrently and then merge,
// in any order, must show one story: status, clock, report, index entry and which operations are
// still accepted all agree with the fold.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as Y from 'yjs';
import {
  clockView, endMeeting, extendItem, jumpToItem, meetingIndexEntry, meetingReport, meetingView, nextItem, pauseClock,
  readClockLog, resumeClock, startMeeting,
} from '../../crdt/index.ts';
import type { ActorId, ItemId } from '../../crdt/index.ts';
import { at, BOB, cloneDoc, meetingWith, MIN, T0 } from './helpers.ts';

const ended = suite('ended comes from the clock log');
const LATER = 60 * MIN;

/** Every order of the list (n! of them; the lists here have at most four entries). */
function permutations<T>(list: readonly T[]): T[][] {
  if (list.length <= 1) return [[...list]];
  return list.flatMap((head, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [head, ...rest]));
}

/** A fresh document built by applying the updates in the given order. */
function mergedIn(order: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of order) Y.applyUpdate(doc, update);
  return doc;
}

/** Status, clock, report and index entry of one document tell the same story at `now`. */
function assertOneStory(doc: Y.Doc, now: number): void {
  const clock = clockView(readClockLog(doc), now);
  const view = meetingView(doc, now);
  const report = meetingReport(doc, now);
  const expected = clock.ended ? 'ended' : clock.started ? 'running' : 'planned';
  assert.is(view.status, expected);
  assert.is(report.status, expected);
  assert.is(meetingIndexEntry(doc, now)?.status, expected);
  assert.is(view.endedAt, clock.endedAt);
  assert.is(report.endedAt, clock.endedAt);
  if (clock.ended) {
    assert.not.ok(clock.running);
    assert.is(clockView(readClockLog(doc), now + LATER).meetingElapsedMs, clock.meetingElapsedMs);
    assert.ok(report.endedAt !== null && report.startedAt !== null && report.actualSec * 1000 <= report.endedAt - report.startedAt + 500);
  } else {
    assert.is(view.endedAt, null);
  }
  // Pause and End are accepted exactly when the fold says the meeting is still on.
  assert.is(pauseClock(cloneDoc(doc), at(now)), clock.running);
  assert.is(endMeeting(cloneDoc(doc), at(now)), clock.started && !clock.ended);
}

ended('Next on the last item against a concurrent jump back: every merge order tells one story', () => {
  let sawStaleEnd = false;
  let sawRealEnd = false;
  for (const [aClient, bClient] of [[1, 2], [2, 1]] as const) {
    const { doc, items } = meetingWith([3, 3, 3]);
    startMeeting(doc, at(T0));
    nextItem(doc, items[0]!, at(T0 + 3 * MIN));
    nextItem(doc, items[1]!, at(T0 + 6 * MIN));
    const a = cloneDoc(doc);
    const b = cloneDoc(doc);
    a.clientID = aClient;
    b.clientID = bClient;
    assert.ok(nextItem(a, items[2]!, at(T0 + 9 * MIN)));
    assert.ok(jumpToItem(b, items[0]!, at(T0 + 9 * MIN, BOB)));
    const updates = [Y.encodeStateAsUpdate(doc), Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b)];
    const views = permutations(updates).map((order) => {
      const merged = mergedIn(order);
      assertOneStory(merged, T0 + 12 * MIN);
      return meetingView(merged, T0 + 12 * MIN);
    });
    for (const v of views) assert.equal(v, views[0]);
    const clock = views[0]!.clock;
    if (clock.ended) sawRealEnd = true;
    else {
      sawStaleEnd = true;
      assert.is(clock.currentItemId, items[0]!);
      assert.is(views[0]!.status, 'running');
    }
  }
  // Both document orders of the two concurrent events were exercised.
  assert.ok(sawStaleEnd && sawRealEnd);
});

ended('after a stale end Pause and End are accepted; after the real end they are refused', () => {
  const { doc, items } = meetingWith([3, 3]);
  startMeeting(doc, at(T0));
  nextItem(doc, items[0]!, at(T0 + 3 * MIN));
  const a = cloneDoc(doc);
  const b = cloneDoc(doc);
  // The jump sorts before the Next in the merged log, so the Next is stale.
  b.clientID = 1;
  a.clientID = 2;
  nextItem(a, items[1]!, at(T0 + 6 * MIN));
  jumpToItem(b, items[0]!, at(T0 + 6 * MIN, BOB));
  const merged = mergedIn([Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b)]);
  assert.is(meetingView(merged, T0 + 7 * MIN).status, 'running');
  assert.ok(pauseClock(merged, at(T0 + 7 * MIN)));
  assert.ok(resumeClock(merged, at(T0 + 8 * MIN)));
  assert.ok(endMeeting(merged, at(T0 + 9 * MIN)));
  assert.is(meetingView(merged, T0 + 10 * MIN).status, 'ended');
  assert.not.ok(pauseClock(merged, at(T0 + 10 * MIN)));
  assert.not.ok(endMeeting(merged, at(T0 + 10 * MIN)));
});

type Step = { readonly op: 'next' | 'jump' | 'pause' | 'resume' | 'extend' | 'end'; readonly pick: number; readonly gap: number };
const step: fc.Arbitrary<Step> = fc.record({
  op: fc.constantFrom('next', 'next', 'jump', 'pause', 'resume', 'extend', 'end'),
  pick: fc.nat(),
  gap: fc.integer({ min: 0, max: 4 * MIN }),
});

/** Applies one step through the public operations, as a person pressing the button would. */
function press(doc: Y.Doc, items: readonly ItemId[], s: Step, now: number, by: ActorId): void {
  const current = clockView(readClockLog(doc), now).currentItemId ?? items[0]!;
  const stamp = { now, by };
  if (s.op === 'next') nextItem(doc, current, stamp);
  else if (s.op === 'jump') jumpToItem(doc, items[s.pick % items.length]!, stamp);
  else if (s.op === 'pause') pauseClock(doc, stamp);
  else if (s.op === 'resume') resumeClock(doc, stamp);
  else if (s.op === 'extend') extendItem(doc, current, 60 * (1 + (s.pick % 3)), stamp);
  else endMeeting(doc, stamp);
}

ended('random concurrent clock operations, merged in every order, tell one story', () => {
  const replicaSteps = fc.array(fc.array(step, { maxLength: 6 }), { minLength: 2, maxLength: 3 });
  fc.assert(fc.property(fc.array(replicaSteps, { minLength: 1, maxLength: 2 }), fc.nat(3), (rounds, startPick) => {
    const { doc, items } = meetingWith([2, 3, 2, 4]);
    startMeeting(doc, at(T0), items[startPick]);
    const updates: Uint8Array[] = [Y.encodeStateAsUpdate(doc)];
    let base = doc;
    let now = T0;
    for (const round of rounds) {
      // Each replica starts from everything merged so far and acts without hearing the others.
      const replicas = round.map((steps, r) => {
        const replica = cloneDoc(base);
        replica.clientID = 1000 + r;
        let t = now;
        for (const s of steps) press(replica, items, s, (t += s.gap), `r${r}-device-00000` as ActorId);
        return { replica, t, before: Y.encodeStateVector(base) };
      });
      for (const { replica, before } of replicas) updates.push(Y.encodeStateAsUpdate(replica, before));
      now = Math.max(...replicas.map((r) => r.t)) + 1;
      base = mergedIn(updates);
    }
    const orders = permutations(updates.slice(1)).slice(0, 24);
    const views = orders.map((order) => {
      const merged = mergedIn([updates[0]!, ...order]);
      assertOneStory(merged, now + MIN);
      return meetingView(merged, now + MIN);
    });
    for (const v of views) assert.equal(v, views[0]);
  }), { numRuns: 120, interruptAfterTimeLimit: 8000 });
});

ended.run();
