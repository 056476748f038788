// The password checker's advice is worded twice, by necessity: the extension's options page reads
// chrome.i18n catalogs (extension/_locales/<lang>/relay-refusals.json) and the account page its
// own TypeScript catalogs, and neither side may import the other. Both must say the same sentence
// for every advice key in every language, so a person reads one wording wherever they set a
// password; this suite holds them together.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CATALOGS } from '../../../../sync-server/web/account-page/messages/account-languages.ts';
import { SITE_LANGUAGES } from '../../../../sync-server/web/languages/site-languages.ts';
import { PASSWORD_ADVICE } from '../../../../wire/refusal-details.ts';

type ChromeCatalog = Readonly<Record<string, { readonly message: string }>>;

const extensionName = (key: string) => `optWeak${key[0]!.toUpperCase()}${key.slice(1)}`;

for (const lang of SITE_LANGUAGES) {
  test(`${lang}: the account page and the extension word every piece of password advice alike`, () => {
    const extension = JSON.parse(readFileSync(new URL(`../../../../extension/_locales/${lang}/relay-refusals.json`, import.meta.url), 'utf8')) as ChromeCatalog;
    const differ = ['lead', ...PASSWORD_ADVICE]
      .map((key) => ({ key, page: CATALOGS[lang][`weak.${key}` as keyof (typeof CATALOGS)['en']], extension: extension[extensionName(key)]?.message }))
      .filter(({ page, extension }) => page !== extension);
    assert.equal(differ, []);
  });
}

test.run();
