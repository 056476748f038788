// Counted messages pick their plural form by the language the messages are in (its
// intlLocale): French says "0 point" where English says "0 items", and a language with one
// form (Japanese) falls back to _other.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { setFallbackMessages, tCount, uiLanguage } from '../../../extension/platform/i18n.ts';

function speak(locale: string, one: string, other: string): void {
  setFallbackMessages({ intlLocale: { message: locale }, count_one: { message: one }, count_other: { message: other } });
}

test.after(() => speak('en', '$1 item', '$1 items'));

test('English: one for 1, other for 0 and 2', () => {
  speak('en', '$1 item · $2', '$1 items · $2');
  assert.is(uiLanguage(), 'en');
  assert.equal([0, 1, 2].map((n) => tCount('count', n, '5 min')), ['0 items · 5 min', '1 item · 5 min', '2 items · 5 min']);
});

test('French: 0 and 1 take the singular', () => {
  speak('fr', '$1 point', '$1 points');
  assert.equal([0, 1, 2].map((n) => tCount('count', n)), ['0 point', '1 point', '2 points']);
});

test('a plural form the language has but the messages lack falls back to _other', () => {
  speak('ja', '$1 項目', '$1 項目');
  assert.is(tCount('count', 1), '1 項目');
  speak('ar', '$1 one', '$1 other');
  assert.is(tCount('count', 3), '3 other');
});

test.run();
