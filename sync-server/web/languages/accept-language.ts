// Picks a page's language from a request's Accept-Language, for the website and the account page
// alike: the highest-quality tag the relay speaks wins, a regional tag matches its language (de-AT
// is German), q=0 refuses a language, and anything unknown, absent or malformed is English.
import { DEFAULT_LANGUAGE, isSiteLanguage, SITE_LANGUAGES, type SiteLanguage } from './site-languages.ts';

interface Preference {
  readonly primary: string;
  readonly q: number;
  readonly order: number;
}

const TAG = /^(?:[a-z]{1,8}(?:-[a-z0-9]{1,8})*|\*)$/;
const QUALITY = /^q\s*=\s*(\S+)$/i;
// A header longer than this is not a browser's; only its start is read.
const MAX_HEADER = 1024;

function preferences(header: string): Preference[] {
  const found: Preference[] = [];
  header.slice(0, MAX_HEADER).split(',').forEach((entry, order) => {
    const [rawTag = '', ...params] = entry.split(';').map((part) => part.trim());
    const tag = rawTag.toLowerCase();
    if (!TAG.test(tag)) return;
    const quality = params.map((param) => QUALITY.exec(param)?.[1]).find((value) => value !== undefined);
    const q = quality === undefined ? 1 : Number(quality);
    if (!Number.isFinite(q) || q < 0 || q > 1) return;
    found.push({ primary: tag.split('-')[0] ?? '', q, order });
  });
  return found;
}

export function negotiateLanguage(header: string | string[] | undefined): SiteLanguage {
  const all = preferences(Array.isArray(header) ? header.join(',') : (header ?? ''));
  const refused = new Set(all.filter((p) => p.q === 0).map((p) => p.primary));
  const wanted = all.filter((p) => p.q > 0).sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { primary } of wanted) {
    if (primary === '*') return SITE_LANGUAGES.find((lang) => !refused.has(lang)) ?? DEFAULT_LANGUAGE;
    if (isSiteLanguage(primary) && !refused.has(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}
