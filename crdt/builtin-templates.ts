// The templates every library starts with. They live in code, not in the document, so they can
// improve with the product; a person who wants to change one duplicates it first. Their shape
// (ids, time boxes) is here; their words are per language (builtin-template-texts-*.ts), and
// English, the reference, is what the data model itself lists.
import type { TemplateId } from './ids.ts';
import type { TemplateItem, TemplateView } from './views.ts';
import { TEMPLATE_TEXTS_EN } from './builtin-template-texts-en.ts';

const MIN = 60;

/** Each built-in's id and its items' time boxes in minutes, in agenda order. */
export const BUILTIN_TEMPLATE_SHAPES = {
  'builtin-daily-standup': [5, 5, 5],
  'builtin-weekly-team': [5, 10, 15, 15, 10, 5],
  'builtin-one-on-one': [5, 10, 5, 5, 5],
  'builtin-retrospective': [5, 10, 10, 15, 10, 5],
  'builtin-sprint-planning': [10, 5, 30, 10, 5],
  'builtin-brainstorm': [5, 10, 15, 5, 10],
} as const satisfies Record<string, readonly number[]>;

export type BuiltinTemplateKey = keyof typeof BUILTIN_TEMPLATE_SHAPES;

/** One language's words for one built-in: its items as [title, prompt], in agenda order. */
export interface TemplateTexts {
  readonly name: string;
  readonly description: string;
  readonly items: readonly (readonly [title: string, prompt: string])[];
}

export type BuiltinTemplateTexts = Readonly<Record<BuiltinTemplateKey, TemplateTexts>>;

function builtIn(id: BuiltinTemplateKey, texts: TemplateTexts): TemplateView {
  const items: TemplateItem[] = BUILTIN_TEMPLATE_SHAPES[id].map((minutes, i) => {
    const [title, prompt] = texts.items[i] ?? ['', ''];
    return Object.freeze({ title, plannedSec: minutes * MIN, prompt });
  });
  return Object.freeze({
    id: id as string as TemplateId,
    name: texts.name,
    description: texts.description,
    builtIn: true,
    durationSec: null,
    items: Object.freeze(items),
    itemsPlannedSec: items.reduce((s, i) => s + i.plannedSec, 0),
    createdAt: null,
    updatedAt: null,
  });
}

/** The built-ins in one language's words, in their fixed order. */
export function builtinTemplatesIn(texts: BuiltinTemplateTexts): readonly TemplateView[] {
  return Object.freeze((Object.keys(BUILTIN_TEMPLATE_SHAPES) as BuiltinTemplateKey[]).map((id) => builtIn(id, texts[id])));
}

export const BUILTIN_TEMPLATES: readonly TemplateView[] = builtinTemplatesIn(TEMPLATE_TEXTS_EN);

export function builtinTemplate(id: string): TemplateView | null {
  return BUILTIN_TEMPLATES.find((t) => t.id === id) ?? null;
}
