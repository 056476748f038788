// The checks every page's catalogs pass: each non-English catalog says everything the English one
// says (the same keys, none missing and none extra), each message keeps exactly the placeholders
// its English source has (a dropped {count} or an invented {name} would show a wrong or raw
// text), and nothing is empty or left in English except words that read the same. Punctuation
// follows one rule per language, the extension's: French puts a narrow no-break space (U+202F)
// before : ; ? ! » and after «, so a line never starts with a colon; Japanese writes ？！（）：～ full
// width (half-width only inside a URL or a time, like https:// or 1:30).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SITE_LANGUAGES, type SiteLanguage } from '../../../../sync-server/web/languages/site-languages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// What breaks each language's rule, as the offending characters.
const TYPOGRAPHY: Partial<Record<SiteLanguage, (text: string) => string[]>> = {
  fr: (text) => [
    ...[...text.matchAll(/[^\S\u202f][:;?!»]|«[^\S\u202f]/g)].map((m) => m[0]),
    ...[...text.matchAll(/[^\s\u202f][;?!»]|«[^\s\u202f]/g)].map((m) => m[0]),
  ],
  ja: (text) => [...text.matchAll(/[?!()~]|:(?![/\d])/g)].map((m) => m[0]),
};

export function registerCatalogChecks(
  name: string,
  catalogs: Readonly<Record<SiteLanguage, Readonly<Record<string, string>>>>,
  sameInEveryLanguage: ReadonlySet<string> = new Set(),
): void {
  const en = catalogs.en;
  const source = Object.keys(en).sort();

  test(`${name}: a catalog for each of the five languages`, () => {
    assert.equal(Object.keys(catalogs).sort(), [...SITE_LANGUAGES].sort());
  });

  for (const lang of SITE_LANGUAGES.filter((l) => l !== 'en')) {
    const catalog = catalogs[lang];

    test(`${name} ${lang}: the same keys as English`, () => {
      const keys = Object.keys(catalog).sort();
      assert.equal(source.filter((key) => !keys.includes(key)), [], 'missing');
      assert.equal(keys.filter((key) => !source.includes(key)), [], 'extra');
    });

    test(`${name} ${lang}: every message keeps its placeholders`, () => {
      const wrong = source.filter((key) => catalog[key] !== undefined && placeholders(catalog[key]).join() !== placeholders(en[key]!).join());
      assert.equal(wrong, []);
    });

    const typography = TYPOGRAPHY[lang];
    if (typography) {
      test(`${name} ${lang}: punctuation follows the language's rule`, () => {
        const wrong = source.flatMap((key) => {
          const found = typography(catalog[key] ?? '');
          return found.length === 0 ? [] : [`${key}: ${JSON.stringify(found)}`];
        });
        assert.equal(wrong, []);
      });
    }

    test(`${name} ${lang}: no message is empty or left in English`, () => {
      assert.equal(source.filter((key) => (catalog[key] ?? '').trim() === ''), []);
      assert.equal(source.filter((key) => !sameInEveryLanguage.has(key) && catalog[key] === en[key]), []);
    });
  }
}
