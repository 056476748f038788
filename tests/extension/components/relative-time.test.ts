// A share link's age: "now" under a minute, then the largest whole unit, in the given language;
// the absolute twin carries the date.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { absoluteTimeText, relativeTimeText } from '../../../extension/components/relative-time.ts';

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);

test('under a minute is now; then minutes, hours, days', () => {
  assert.is(relativeTimeText(NOW - 20_000, NOW, 'en'), 'now');
  assert.is(relativeTimeText(NOW - 3 * 60_000, NOW, 'en'), '3 minutes ago');
  assert.is(relativeTimeText(NOW - 5 * 3_600_000, NOW, 'en'), '5 hours ago');
  assert.is(relativeTimeText(NOW - 2 * 86_400_000, NOW, 'en'), '2 days ago');
});

test('in the reader language', () => {
  assert.is(relativeTimeText(NOW - 3 * 60_000, NOW, 'de'), 'vor 3 Minuten');
  assert.is(relativeTimeText(NOW - 3 * 60_000, NOW, 'fr'), 'il y a 3 minutes');
  assert.match(absoluteTimeText(NOW, 'en'), /2026/);
});

test.run();
