// The built-in templates in the reader's language: a UI in German lists, and makes meetings
// from, German built-ins. Kept apart from the data model's index so that only the views that
// list templates carry every language's words; a language without its own words reads English.
import { builtinTemplatesIn, type BuiltinTemplateTexts } from './builtin-templates.ts';
import { TEMPLATE_TEXTS_DE } from './builtin-template-texts-de.ts';
import { TEMPLATE_TEXTS_EN } from './builtin-template-texts-en.ts';
import { TEMPLATE_TEXTS_ES } from './builtin-template-texts-es.ts';
import { TEMPLATE_TEXTS_FR } from './builtin-template-texts-fr.ts';
import { TEMPLATE_TEXTS_JA } from './builtin-template-texts-ja.ts';
import type { TemplateView } from './views.ts';

export const TEMPLATE_LANGUAGES: Readonly<Record<string, BuiltinTemplateTexts>> = {
  en: TEMPLATE_TEXTS_EN,
  de: TEMPLATE_TEXTS_DE,
  fr: TEMPLATE_TEXTS_FR,
  es: TEMPLATE_TEXTS_ES,
  ja: TEMPLATE_TEXTS_JA,
};

const built = new Map<string, ReadonlyMap<string, TemplateView>>();

function builtinsFor(locale: string): ReadonlyMap<string, TemplateView> {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
  const key = language in TEMPLATE_LANGUAGES ? language : 'en';
  let byId = built.get(key);
  if (!byId) {
    byId = new Map(builtinTemplatesIn(TEMPLATE_LANGUAGES[key]!).map((t) => [t.id as string, t]));
    built.set(key, byId);
  }
  return byId;
}

/** The list with every built-in in the locale's words; own templates stay as their owner wrote them. */
export function templatesInLanguage(templates: readonly TemplateView[], locale: string): readonly TemplateView[] {
  const byId = builtinsFor(locale);
  return templates.map((t) => (t.builtIn ? (byId.get(t.id) ?? t) : t));
}
