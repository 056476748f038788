// Every shipped locale has exactly English's keys with the same placeholders, and the check
// itself catches a missing key, an extra key and a dropped or renamed placeholder.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allLocalesParity, localeParity } from '../../../extension/build/locale-parity.ts';
import { mergeAllLocales } from '../../../extension/build/merge-locales.ts';

const test = suite('locale parity');
const LOCALES = join(import.meta.dirname, '..', '..', '..', 'extension', '_locales');

test('German, French, Spanish and Japanese ship beside English', () => {
  assert.equal([...mergeAllLocales(LOCALES).keys()].sort(), ['de', 'en', 'es', 'fr', 'ja']);
});

test('every locale has every English key, no others, and the same placeholders', () => {
  const problems = allLocalesParity(mergeAllLocales(LOCALES));
  assert.equal(problems.map((p) => `${p.locale} ${p.key}: ${p.problem}${p.detail ? ` (${p.detail})` : ''}`), []);
});

test('each translation names its own language, which numbers and dates are formatted in', () => {
  for (const [locale, table] of mergeAllLocales(LOCALES)) assert.is(table.intlLocale?.message, locale.replace('_', '-'));
});

test('no translation is left empty', () => {
  for (const [locale, table] of mergeAllLocales(LOCALES)) {
    const empty = Object.entries(table).filter(([, e]) => e.message.trim() === '').map(([k]) => `${locale} ${k}`);
    assert.equal(empty, []);
  }
});

test('the check reports a missing key, an extra key and placeholder mismatches', () => {
  const en = {
    a: { message: 'A $1' },
    b: { message: 'B' },
    c: { message: 'C $who$', placeholders: { who: { content: '$1' } } },
    d: { message: 'costs $$5 for $1' },
  };
  const de = {
    a: { message: 'A' },
    c: { message: 'C $wer$', placeholders: { wer: { content: '$1' } } },
    d: { message: 'kostet $$5 für $1' },
    z: { message: 'Z' },
  };
  const found = localeParity(en, 'de', de).map((p) => `${p.key}:${p.problem}`);
  assert.equal(found.sort(), ['a:placeholders', 'b:missing', 'c:placeholders', 'z:extra']);
  assert.equal(localeParity(en, 'de', { ...en }), []);
});

test.run();
