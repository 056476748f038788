// The website's words in one language: its page catalog and the privacy facts of that language
// joined, through the shared translator. One translator per language, made on first use.
import { createTranslator, type Translator } from '../../languages/translator.ts';
import type { SiteLanguage } from '../../languages/site-languages.ts';
import type { FactCatalog, FactKey } from '../privacy-facts.ts';
import { de } from './de.ts';
import { en, type PageCatalog, type PageKey } from './en.ts';
import { es } from './es.ts';
import { deFacts } from './facts/de.ts';
import { enFacts } from './facts/en.ts';
import { esFacts } from './facts/es.ts';
import { frFacts } from './facts/fr.ts';
import { jaFacts } from './facts/ja.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';

export type WebsiteKey = PageKey | FactKey;
export type WebsiteWords = Translator<WebsiteKey>;

export const PAGE_CATALOGS: Readonly<Record<SiteLanguage, PageCatalog>> = { en, de, fr, es, ja };
export const FACT_CATALOGS: Readonly<Record<SiteLanguage, FactCatalog>> = { en: enFacts, de: deFacts, fr: frFacts, es: esFacts, ja: jaFacts };

const made = new Map<SiteLanguage, WebsiteWords>();

export function websiteWords(lang: SiteLanguage): WebsiteWords {
  let words = made.get(lang);
  if (!words) made.set(lang, (words = createTranslator<WebsiteKey>(lang, { ...PAGE_CATALOGS[lang], ...FACT_CATALOGS[lang] })));
  return words;
}
