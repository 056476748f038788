// Counted messages pick their plural form by the language the messages are in (its
// intlLocale): French says "0 point" where English says "0 items", and a language with one
// form (Japanese) falls back to _other. The shipped catalogs give every counted message each
// form its language uses for everyday counts, so nothing says "1 Punkte".
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mergeAllLocales } from '../../../extension/build/merge-locales.ts';
import { setFallbackMessages, tCount, uiLanguage } from '../../../extension/platform/i18n.ts';

const LOCALES = mergeAllLocales(join(import.meta.dirname, '..', '..', '..', 'extension', '_locales'));

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

test('shipped catalogs: each counted message has its own wording for every form up to 1000', () => {
  const problems: string[] = [];
  for (const [locale, table] of LOCALES) {
    const rules = new Intl.PluralRules(table.intlLocale!.message);
    const forms = new Set(Array.from({ length: 1001 }, (_, n) => rules.select(n)));
    for (const key of Object.keys(table).filter((k) => k.endsWith('_other'))) {
      const base = key.slice(0, -'_other'.length);
      for (const form of forms) {
        if (form === 'other') continue;
        const entry = table[`${base}_${form}`];
        if (entry === undefined) problems.push(`${locale} ${base}_${form}: missing`);
        else if (entry.message === table[key]!.message) problems.push(`${locale} ${base}_${form}: same words as _other`);
      }
    }
  }
  assert.equal(problems, []);
});

test('shipped catalogs: one item and several, in each language', () => {
  const summary = (locale: string, n: number) => {
    setFallbackMessages(LOCALES.get(locale)!);
    return tCount('newTemplateSummary', n, '15');
  };
  assert.equal([1, 3].map((n) => summary('de', n)), ['1 Punkt · 15', '3 Punkte · 15']);
  assert.equal([0, 1, 3].map((n) => summary('fr', n)), ['0 point · 15', '1 point · 15', '3 points · 15']);
  assert.equal([1, 3].map((n) => summary('es', n)), ['1 punto · 15', '3 puntos · 15']);
  assert.equal([1, 3].map((n) => summary('ja', n)), ['1 項目 · 15', '3 項目 · 15']);
});

test.run();
