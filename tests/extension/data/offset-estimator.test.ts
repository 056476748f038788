// The one clock-offset estimator against a real relay's GET /api/time (port 0): it finds a
// relay clock that runs minutes ahead and keeps its last estimate when the relay is unreachable.
// Which sample wins is crdt's bestClockOffset, tested in tests/crdt/clock-offset.test.ts.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fetchServerTime } from '../../../extension/data/relay-api.ts';
import { OffsetEstimator } from '../../../extension/data/offset-estimator.ts';
import { startE2eRelay, type E2eRelay } from '../../e2e/helpers/e2e-relay.ts';
import { guardedSetup } from '../../e2e/helpers/guarded-setup.ts';

const test = suite<{ relay: E2eRelay | null }>('offset estimator', { relay: null });
const AHEAD_MS = 5 * 60_000;

guardedSetup(test, async (ctx) => {
  ctx.relay = await startE2eRelay();
});

test.after(async (ctx) => {
  await ctx.relay?.close();
});

test('a relay clock five minutes ahead is found within the round trip', async ({ relay }) => {
  const url = relay!.httpUrl;
  const estimator = new OffsetEstimator(async () => (await fetchServerTime(url)) + AHEAD_MS);
  const estimate = await estimator.measure(3);
  assert.ok(estimate);
  assert.ok(Math.abs(estimator.offsetMs - AHEAD_MS) <= estimate.roundTripMs + 1, `offset ${estimator.offsetMs}`);
  const shown = estimator.now() - Date.now();
  assert.ok(Math.abs(shown - AHEAD_MS) <= estimate.roundTripMs + 1);
});

test('an unreachable relay leaves the last estimate in place', async () => {
  const estimator = new OffsetEstimator(() => fetchServerTime('http://127.0.0.1:1'), 1_234);
  assert.is(await estimator.measure(2), null);
  assert.is(estimator.offsetMs, 1_234);
});

test.run();
