// Every non-English catalog of the account page says everything the English one says: the same
// keys, none missing and none extra, and each message keeps exactly the placeholders its English
// source has (a dropped {count} or an invented {name} would show a wrong or raw text).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ACCOUNT_LANGUAGES, CATALOGS } from '../../../../sync-server/web/account-page/messages/account-languages.ts';
import { en } from '../../../../sync-server/web/account-page/messages/en.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const source = Object.keys(en).sort();

for (const lang of ACCOUNT_LANGUAGES.filter((l) => l !== 'en')) {
  const catalog: Readonly<Record<string, string>> = CATALOGS[lang];

  test(`${lang}: the same keys as English`, () => {
    const keys = Object.keys(catalog).sort();
    assert.equal(source.filter((key) => !keys.includes(key)), [], 'missing');
    assert.equal(keys.filter((key) => !source.includes(key)), [], 'extra');
  });

  test(`${lang}: every message keeps its placeholders`, () => {
    const wrong = source.filter((key) => catalog[key] !== undefined && placeholders(catalog[key]).join() !== placeholders(en[key as keyof typeof en]).join());
    assert.equal(wrong, []);
  });

  test(`${lang}: no message is empty or left in English`, () => {
    const empty = source.filter((key) => (catalog[key] ?? '').trim() === '');
    assert.equal(empty, []);
    // Words that read the same in every language (Sessions, Name, Download, Site) are allowed.
    const SAME = new Set(['frame.nav', 'frame.download', 'sessions.title', 'name.label', 'shares.roleView', 'shares.roleEdit']);
    const untranslated = source.filter((key) => !SAME.has(key) && catalog[key] === en[key as keyof typeof en]);
    assert.equal(untranslated, []);
  });
}

test('English is the first language and the catalogs cover the five', () => {
  assert.equal([...ACCOUNT_LANGUAGES], ['en', 'de', 'fr', 'es', 'ja']);
  assert.equal(Object.keys(CATALOGS).sort(), [...ACCOUNT_LANGUAGES].sort());
});

test.run();
