// The time box field's reading and writing: m:ss, plain and decimal minutes, refusals with a
// reason, and the round trip every stored value makes through the field.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { durationInputText, MAX_DURATION_SEC, parseDurationInput } from '../../../extension/components/duration-input.ts';

const sec = (text: string) => {
  const r = parseDurationInput(text);
  return r.ok ? r.sec : r.problem;
};

test('m:ss, plain minutes and decimal minutes all give seconds', () => {
  assert.is(sec('0:06'), 6);
  assert.is(sec('0.1'), 6);
  assert.is(sec('5'), 300);
  assert.is(sec('1.5'), 90);
  assert.is(sec('1,5'), 90);
  assert.is(sec('.5'), 30);
  assert.is(sec('1:30'), 90);
  assert.is(sec(' 12:05 '), 725);
  assert.is(sec('90:00'), 5400);
  assert.is(sec('0'), 0);
  assert.is(sec('2.'), 120);
});

test('garbage, negative numbers and typos are refused with a reason', () => {
  for (const bad of ['abc', '-1', '1:3', '1:60', '1:2:3', '1e2', '5 min', 'Infinity', '0x10', '1..2', ':30']) {
    assert.is(sec(bad), 'invalid', bad);
  }
  assert.is(sec(''), 'empty');
  assert.is(sec('   '), 'empty');
  assert.is(sec('601'), 'too-long');
  assert.is(sec('600:01'), 'too-long');
  assert.is(sec('600'), MAX_DURATION_SEC);
});

test('the field shows m:ss, minutes never folded into hours', () => {
  assert.is(durationInputText(6), '0:06');
  assert.is(durationInputText(90), '1:30');
  assert.is(durationInputText(300), '5:00');
  assert.is(durationInputText(5400), '90:00');
  assert.is(durationInputText(-5), '0:00');
});

test('every stored time box survives the round trip through the field', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: MAX_DURATION_SEC }), (n) => {
      const back = parseDurationInput(durationInputText(n));
      return back.ok && back.sec === n;
    }),
  );
});

test('whatever the field accepts, it shows as text it reads back the same', () => {
  const typed = fc.oneof(
    fc.integer({ min: 0, max: 600 }).map(String),
    fc.tuple(fc.integer({ min: 0, max: 599 }), fc.integer({ min: 0, max: 999 })).map(([m, f]) => `${m}.${f}`),
    fc.string({ maxLength: 8 }),
  );
  fc.assert(
    fc.property(typed, (text) => {
      const first = parseDurationInput(text);
      if (!first.ok) return true;
      const again = parseDurationInput(durationInputText(first.sec));
      return again.ok && again.sec === first.sec && first.sec >= 0 && Number.isInteger(first.sec);
    }),
  );
});

test.run();
