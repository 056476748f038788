// Every non-English catalog of the website says everything the English one says, page words and
// privacy facts alike, with the same placeholders (the shared checks in
// languages/catalog-checks.ts); the privacy facts also cover every table, column, file and
// browser entry the page lists.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SiteLanguage } from '../../../../sync-server/web/languages/site-languages.ts';
import { FACT_CATALOGS, PAGE_CATALOGS } from '../../../../sync-server/web/website/messages/website-words.ts';
import { columnKey, EXTENSION_STORAGE, RELAY_FILES, RELAY_TABLES } from '../../../../sync-server/web/website/privacy-facts.ts';
import { registerCatalogChecks } from '../languages/catalog-checks.ts';

const joined = (lang: SiteLanguage): Record<string, string> => ({ ...PAGE_CATALOGS[lang], ...FACT_CATALOGS[lang] });

// Words that read the same in a language as in English (Site, Download, Details, the footer's
// order of its two parts).
registerCatalogChecks(
  'website',
  { en: joined('en'), de: joined('de'), fr: joined('fr'), es: joined('es'), ja: joined('ja') },
  new Set(['frame.nav', 'frame.download', 'landing.downloadTitle', 'form.details', 'frame.footer']),
);

test('the English facts explain exactly what the privacy page lists', () => {
  const listed = [
    ...RELAY_TABLES.flatMap((t) => [`table.${t.name}`, ...t.columns.map((c) => columnKey(t, c))]),
    ...RELAY_FILES.map((file) => `file.${file}`),
    ...EXTENSION_STORAGE.map(({ id }) => `browser.${id}`),
  ].sort();
  assert.equal(Object.keys(FACT_CATALOGS.en).sort(), listed);
});

test.run();
