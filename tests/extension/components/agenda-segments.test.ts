// Progress segments from a real meeting document and its folded clock: boxes include
// extensions, elapsed time comes from the log, and each item is done, current or upcoming.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { addItem, clockView, createMeeting, extendItem, meetingView, newId, nextItem, readClockLog, startMeeting, type ActorId } from '../../../crdt/index.ts';
import { agendaSegments } from '../../../extension/components/agenda-segments.ts';

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const by = newId<ActorId>(random);
// Clock operations take real wall-clock times only.
const T0 = Date.UTC(2026, 2, 2, 9);

test('segments follow the clock', () => {
  const doc = new Y.Doc();
  createMeeting(doc, { id: newId(random), title: 'Sync', now: T0 });
  const a = addItem(doc, { random, title: 'A', plannedSec: 60 });
  addItem(doc, { random, title: 'B', plannedSec: 120 });
  addItem(doc, { random, title: 'C', plannedSec: 30 });
  startMeeting(doc, { now: T0 + 1_000, by });
  nextItem(doc, a, { now: T0 + 91_000, by });
  const b = meetingView(doc, T0 + 91_000).items[1]!.id;
  extendItem(doc, b, 60, { now: T0 + 100_000, by });

  const now = T0 + 151_000;
  const segments = agendaSegments(meetingView(doc, now).items, clockView(readClockLog(doc), now));
  assert.equal(
    segments.map((s) => [s.title, s.plannedSec, s.elapsedSec, s.state]),
    [
      ['A', 60, 90, 'done'],
      ['B', 180, 60, 'current'],
      ['C', 30, 0, 'upcoming'],
    ],
  );
});

test.run();
