// Shared test fixtures for the data model: a seeded id source and small meeting builders.
import * as Y from 'yjs';
import type { ActorId, ClockStamp, ItemId, MeetingId, RandomBytes } from '../../crdt/index.ts';
import { seededRandom } from '../../bench/fixtures/seeded-random.ts';
import { addItem, createMeeting, InvalidInputError, newId } from '../../crdt/index.ts';

export { seededRandom };

export const ALICE = 'alice-device-0001' as ActorId;
export const BOB = 'bob-device-000002' as ActorId;

export function at(now: number, by: ActorId = ALICE): ClockStamp {
  return { now, by };
}

export const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
export const MIN = 60_000;

/** A meeting with items of the given planned minutes, created at T0. */
export function meetingWith(minutes: number[], seed = 1): { doc: Y.Doc; id: MeetingId; items: ItemId[]; random: RandomBytes } {
  const random = seededRandom(seed);
  const doc = new Y.Doc();
  const id: MeetingId = newId(random);
  createMeeting(doc, { id, title: 'Weekly sync', now: T0 });
  const items = minutes.map((m, i) => addItem(doc, { random, title: `Item ${i + 1}`, plannedSec: m * 60 }));
  return { doc, id, items, random };
}

/** Copies every update of `from` into `to` (one-shot full exchange). */
export function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

export function cloneDoc(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

export const invalidInput = (e: unknown): boolean => e instanceof InvalidInputError;
