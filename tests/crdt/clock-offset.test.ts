import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bestClockOffset, estimateClockOffset } from '../../crdt/index.ts';

test('estimateClockOffset: the server reading is taken as the midpoint of the round trip', () => {
  // Local clock 5 minutes behind the relay; 100 ms round trip.
  assert.equal(estimateClockOffset({ t0: 1000, serverNow: 1050 + 300_000, t1: 1100 }), { offsetMs: 300_000, roundTripMs: 100 });
  assert.equal(estimateClockOffset({ t0: 1000, serverNow: 850, t1: 1100 }), { offsetMs: -200, roundTripMs: 100 });
});

test('estimateClockOffset rejects impossible samples', () => {
  assert.is(estimateClockOffset({ t0: 2000, serverNow: 0, t1: 1000 }), null);
  assert.is(estimateClockOffset({ t0: 0, serverNow: Number.NaN, t1: 10 }), null);
});

test('bestClockOffset keeps the sample with the shortest round trip', () => {
  const best = bestClockOffset([
    { t0: 0, serverNow: 900, t1: 1000 },
    { t0: 2000, serverNow: 2520, t1: 2040 },
    { t0: 3000, serverNow: 0, t1: 1 },
  ]);
  assert.equal(best, { offsetMs: 500, roundTripMs: 40 });
  assert.is(bestClockOffset([]), null);
});

test.run();
