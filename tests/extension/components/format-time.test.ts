// Clock and duration texts: minutes and seconds, hours when needed, never a sign (callers say
// "over" in words).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clockText, dateTimeText, durationText, minutesText } from '../../../extension/components/format-time.ts';

test('clockText shows m:ss, h:mm:ss past an hour, and the magnitude of a negative time', () => {
  assert.is(clockText(0), '0:00');
  assert.is(clockText(59_999), '0:59');
  assert.is(clockText(5 * 60_000), '5:00');
  assert.is(clockText(61 * 60_000 + 1_000), '1:01:01');
  assert.is(clockText(-90_000), '1:30');
});

test('durationText rounds to seconds and drops zero seconds', () => {
  assert.is(durationText(0), '0s');
  assert.is(durationText(42.4), '42s');
  assert.is(durationText(120), '2m');
  assert.is(durationText(210), '3m 30s');
  assert.is(durationText(-90), '1m 30s');
});

test('minutesText rounds to whole minutes', () => {
  assert.is(minutesText(0), '0 min');
  assert.is(minutesText(89), '1 min');
  assert.is(minutesText(90), '2 min');
});

test('dateTimeText names weekday, day, month and time, the same on every call', () => {
  const at = Date.UTC(2026, 2, 2, 9, 5);
  const text = dateTimeText(at, 'en-GB');
  assert.match(text, /Mon/);
  assert.match(text, /Mar/);
  assert.is(dateTimeText(at, 'en-GB'), text);
});

test.run();
