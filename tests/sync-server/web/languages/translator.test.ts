// The shared translator formats what catalogs cannot: plural forms, durations and numbers in the
// page's language, whatever the process's own locale is.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTranslator } from '../../../../sync-server/web/languages/translator.ts';

const catalog = { 'left.one': '{count} item left', 'left.other': '{count} items left', hello: 'Hello {name}' } as const;
const HOUR = 3_600_000;

test('durations use the largest whole unit, in the language', () => {
  const cases = [
    ['en', 7 * 24 * HOUR, '7 days'],
    ['en', HOUR, '1 hour'],
    ['en', 36 * HOUR, '36 hours'],
    ['en', 90_000, '2 minutes'],
    ['de', 7 * 24 * HOUR, '7 Tage'],
    ['de', 24 * HOUR, '1 Tag'],
    ['fr', 36 * HOUR, '36\u00a0heures'],
    ['es', 7 * 24 * HOUR, '7 días'],
    ['ja', 7 * 24 * HOUR, '7 日'],
  ] as const;
  for (const [lang, ms, expected] of cases) assert.is(createTranslator(lang, catalog).duration(ms), expected, `${lang} ${ms}`);
});

test('numbers and plurals follow the language', () => {
  assert.is(createTranslator('de', catalog).count('left', 12345), '12.345 items left');
  assert.is(createTranslator('en', catalog).count('left', 12345), '12,345 items left');
  assert.is(createTranslator('fr', catalog).t('hello', { name: 1500 }), 'Hello 1\u202f500');
  assert.is(createTranslator('en', catalog).count('left', 1), '1 item left');
  assert.is(createTranslator('en', catalog).count('left', 2), '2 items left');
  assert.is(createTranslator('en', catalog).t('hello', { name: 'Ana' }), 'Hello Ana');
});

test.run();
