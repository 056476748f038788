import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as Y from 'yjs';
import { clockView, nextItem, readClockLog, startMeeting } from '../../crdt/index.ts';
import type { ActorId, ClockEvent, ClockLog, ItemId } from '../../crdt/index.ts';
import { cloneDoc, meetingWith, MIN, T0 } from './helpers.ts';

const props = suite('clock invariants (properties)');
const BUDGET = { numRuns: 300, interruptAfterTimeLimit: 4000 } as const;

const ids = ['itemAAAAAAAAAAAAAAAAAA', 'itemBBBBBBBBBBBBBBBBBB', 'itemCCCCCCCCCCCCCCCCCC', 'itemDDDDDDDDDDDDDDDDDD'] as ItemId[];
const plan = ids.map((id, i) => ({ id, plannedSec: 60 * (i + 1) }));
const item = fc.constantFrom(...ids);
const by = fc.constantFrom('a', 'b') as fc.Arbitrary<ActorId>;
// Times mostly move forward but may step back (skewed devices).
const time = fc.integer({ min: -2 * MIN, max: 30 * MIN }).map((t) => T0 + t);

const event: fc.Arbitrary<ClockEvent> = fc.oneof(
  fc.record({ op: fc.constant('start' as const), itemId: item, at: time, by }),
  fc.record({ op: fc.constantFrom('pause' as const, 'resume' as const, 'end' as const), itemId: fc.option(item), at: time, by }),
  fc.record({ op: fc.constant('next' as const), itemId: item, to: fc.option(item, { freq: 6 }), at: time, by }),
  fc.record({ op: fc.constant('extend' as const), itemId: item, sec: fc.integer({ min: 1, max: 600 }), at: time, by }),
  fc.record({ op: fc.constant('jump' as const), itemId: item, at: time, by }),
);
const logOf = (events: ClockEvent[], durationSec: number | null = null): ClockLog => ({ events, items: plan, durationSec, warnings: [] });
const sorted = (times: number[]) => [...times].sort((a, b) => a - b);

props('per-item actual time sums to the meeting elapsed time', () => {
  fc.assert(fc.property(fc.array(event, { maxLength: 40, size: 'max' }), time, (events, now) => {
    const v = clockView(logOf(events), now);
    const sum = Object.values(v.actualMs).reduce((s, ms) => s + ms, 0);
    assert.is(sum, v.meetingElapsedMs);
    assert.ok(Object.values(v.actualMs).every((ms) => ms >= 0));
  }), BUDGET);
});

props('remaining time never goes back up as time passes, and elapsed never goes down', () => {
  fc.assert(fc.property(fc.array(event, { maxLength: 40, size: 'max' }), fc.array(time, { minLength: 2, maxLength: 8 }), (events, times) => {
    let prev = null as ReturnType<typeof clockView> | null;
    for (const now of sorted(times)) {
      const v = clockView(logOf(events), now);
      if (prev !== null) {
        assert.ok(v.itemRemainingMs <= prev.itemRemainingMs);
        assert.ok(v.meetingRemainingMs <= prev.meetingRemainingMs);
        assert.ok(v.meetingElapsedMs >= prev.meetingElapsedMs);
        assert.ok(v.itemOverrunMs >= prev.itemOverrunMs);
      }
      prev = v;
    }
  }), BUDGET);
});

props('while paused (or ended) nothing accrues', () => {
  fc.assert(fc.property(fc.array(event, { maxLength: 40, size: 'max' }), time, fc.integer({ min: 1, max: 3 * 3600_000 }), (events, now, later) => {
    const v = clockView(logOf(events), now);
    fc.pre(v.started && (v.paused || v.ended));
    const w = clockView(logOf(events), now + later);
    assert.equal(w.actualMs, v.actualMs);
    assert.is(w.meetingElapsedMs, v.meetingElapsedMs);
  }), BUDGET);
});

props('meeting remaining never jumps back up across next, jump, pause and resume', () => {
  const step = fc.record({ op: fc.constantFrom('pause', 'resume', 'next', 'jump'), item, gap: fc.integer({ min: 0, max: 5 * MIN }) });
  fc.assert(fc.property(fc.array(step, { maxLength: 30, size: 'max' }), (steps) => {
    const events: ClockEvent[] = [{ op: 'start', itemId: ids[0]!, at: T0, by: 'a' as ActorId }];
    let now = T0;
    let prev = clockView(logOf(events), now).meetingRemainingMs;
    for (const s of steps) {
      now += s.gap;
      const before = clockView(logOf(events), now);
      const current = before.currentItemId ?? ids[0]!;
      const next = ids[ids.indexOf(current) + 1] ?? null;
      if (s.op === 'next') events.push({ op: 'next', itemId: current, to: next, at: now, by: 'a' as ActorId });
      else if (s.op === 'jump') events.push({ op: 'jump', itemId: s.item, at: now, by: 'a' as ActorId });
      else events.push({ op: s.op as 'pause' | 'resume', itemId: current, at: now, by: 'a' as ActorId });
      const after = clockView(logOf(events), now).meetingRemainingMs;
      assert.ok(before.meetingRemainingMs <= prev && after === before.meetingRemainingMs);
      prev = after;
    }
  }), BUDGET);
});

props('concurrent Next from the same item on 2-5 replicas advances once; a stale Next never moves back', () => {
  const delays = fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 5, maxLength: 5 });
  fc.assert(fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 2 }), delays, (n, startAt, ahead, ms) => {
    const { doc, items } = meetingWith([5, 5, 5, 5]);
    startMeeting(doc, { now: T0, by: 'host' as ActorId }, items[startAt]!);
    const replicas = Array.from({ length: n }, () => cloneDoc(doc));
    // Replica 0 advances `ahead` times while the others, not yet synced, each press Next once.
    for (let k = 0; k < ahead; k++) assert.ok(nextItem(replicas[0]!, items[startAt + k]!, { now: T0 + MIN + k, by: 'r0' as ActorId }));
    replicas.slice(1).forEach((r, i) => assert.ok(nextItem(r, items[startAt]!, { now: T0 + MIN + ms[i]!, by: `r${i + 1}` as ActorId })));
    const merged = new Y.Doc();
    for (const r of replicas) Y.applyUpdate(merged, Y.encodeStateAsUpdate(r));
    for (const r of replicas) Y.applyUpdate(r, Y.encodeStateAsUpdate(merged));
    const views = replicas.map((r) => clockView(readClockLog(r), T0 + 10 * MIN));
    assert.is(views[0]!.currentItemId, items[startAt + ahead]!);
    for (const v of views) assert.equal(v, views[0]);
  }), { numRuns: 80, interruptAfterTimeLimit: 4000 });
});

props.run();
