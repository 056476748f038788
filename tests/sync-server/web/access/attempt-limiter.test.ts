import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AttemptLimiter } from '../../../../sync-server/web/access/attempt-limiter.ts';

const test = suite('attempt limiter');

test('allows max attempts per window, then says when to retry', () => {
  const limiter = new AttemptLimiter({ max: 3, windowMs: 1000 }, 100);
  for (let i = 0; i < 3; i++) assert.ok(limiter.hit('a', 0).ok);
  assert.equal(limiter.hit('a', 400), { ok: false, retryAfterMs: 600 });
  assert.ok(limiter.hit('b', 400).ok, 'keys are independent');
  assert.ok(limiter.hit('a', 1000).ok, 'a new window starts after windowMs');
});

test('forget resets a key', () => {
  const limiter = new AttemptLimiter({ max: 1, windowMs: 1000 }, 100);
  limiter.hit('a', 0);
  assert.not.ok(limiter.hit('a', 0).ok);
  limiter.forget('a');
  assert.ok(limiter.hit('a', 0).ok);
});

test('remembers a bounded number of keys, dropping the oldest', () => {
  const limiter = new AttemptLimiter({ max: 1, windowMs: 1000 }, 10);
  limiter.hit('first', 0);
  for (let i = 0; i < 10; i++) limiter.hit(`k${i}`, 0);
  assert.ok(limiter.hit('first', 0).ok, 'the oldest key was forgotten');
  assert.not.ok(limiter.hit('k9', 0).ok, 'recent keys are kept');
});

test('when full, a key still under its limit is forgotten before one at its limit', () => {
  const limiter = new AttemptLimiter({ max: 2, windowMs: 1000 }, 10);
  limiter.hit('guessed', 0);
  limiter.hit('guessed', 0);
  for (let i = 0; i < 30; i++) limiter.hit(`fresh${i}`, 0);
  assert.not.ok(limiter.peek('guessed', 0).ok, 'the key at its limit was forgotten');
  assert.ok(limiter.peek('fresh0', 0).ok);
});

test.run();
