// The languages the relay's pages speak (the website, the account page), the same five as the
// extension and the live viewer. English is the source of every catalog and the answer for any
// language not listed.
export const SITE_LANGUAGES = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type SiteLanguage = (typeof SITE_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: SiteLanguage = 'en';

export function isSiteLanguage(value: string): value is SiteLanguage {
  return (SITE_LANGUAGES as readonly string[]).includes(value);
}
