// Clock and duration texts: minutes and seconds, hours when needed, never a sign (callers say
// "over" in words).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clockText, dateTimeText, durationText, inMinutesText, minutesText } from '../../../extension/components/format-time.ts';

test('clockText shows m:ss, h:mm:ss past an hour, and the magnitude of a negative time', () => {
  assert.is(clockText(0), '0:00');
  assert.is(clockText(59_999), '0:59');
  assert.is(clockText(5 * 60_000), '5:00');
  assert.is(clockText(61 * 60_000 + 1_000), '1:01:01');
  assert.is(clockText(-90_000), '1:30');
});

test('durationText rounds to seconds and drops zero seconds', () => {
  assert.is(durationText(0, 'en'), '0s');
  assert.is(durationText(42.4, 'en'), '42s');
  assert.is(durationText(120, 'en'), '2m');
  assert.is(durationText(210, 'en'), '3m 30s');
  assert.is(durationText(-90, 'en'), '1m 30s');
  assert.is(durationText(3725, 'en'), '1h 2m 5s');
});

test('durationText speaks the locale', () => {
  assert.is(durationText(210, 'de'), '3 Min., 30 Sek.');
  assert.is(durationText(210, 'ja'), '3m30s');
  assert.is(durationText(210, 'fr'), '3min 30s');
});

test('minutesText rounds to whole minutes, in the locale', () => {
  assert.is(minutesText(0, 'en'), '0 min');
  assert.is(minutesText(89, 'en'), '1 min');
  assert.is(minutesText(90, 'en'), '2 min');
  assert.is(minutesText(300, 'de'), '5 Min.');
  assert.is(minutesText(300, 'ja'), '5 分');
});

test('inMinutesText is a relative time in the locale', () => {
  assert.is(inMinutesText(2, 'en'), 'in 2 minutes');
  assert.is(inMinutesText(1, 'de'), 'in 1 Minute');
  assert.is(inMinutesText(2, 'es'), 'dentro de 2 minutos');
});

test('dateTimeText names weekday, day, month and time, the same on every call', () => {
  const at = Date.UTC(2026, 2, 2, 9, 5);
  const text = dateTimeText(at, 'en-GB');
  assert.match(text, /Mon/);
  assert.match(text, /Mar/);
  assert.is(dateTimeText(at, 'en-GB'), text);
});

test.run();
