// The languages the account page speaks, the same five as the extension and the live viewer, and
// their catalogs. English is the source and the answer for any language not listed.
import { de } from './de.ts';
import { en, type Catalog } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';

export const ACCOUNT_LANGUAGES = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type AccountLanguage = (typeof ACCOUNT_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: AccountLanguage = 'en';

export const CATALOGS: Readonly<Record<AccountLanguage, Catalog>> = { en, de, fr, es, ja };

export function isAccountLanguage(value: string): value is AccountLanguage {
  return (ACCOUNT_LANGUAGES as readonly string[]).includes(value);
}
