// The offline viewer's "last known" time of day is written in the page's language, which may
// differ from the browser's own.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lastKnownText } from '../../../extension/viewer/viewer-clock.ts';

const test = suite('viewer last known time');
const AT = Date.UTC(2026, 2, 16, 13, 5, 9);

test('in the language asked for, to the second', () => {
  assert.match(lastKnownText(AT, 'de-DE'), /^\d{2}:\d{2}:09$/);
  assert.match(lastKnownText(AT, 'en-US'), /^\d{2}:\d{2}:09\s?[AP]M$/);
  assert.match(lastKnownText(AT, 'ja-JP'), /^\d{1,2}:\d{2}:09$/);
});

test.run();
