// Access to a library document's shared types and the parsing of stored template items.
import * as Y from 'yjs';
import { LIBRARY_ROOT, LIMITS } from './schema.ts';
import { isFiniteNumber, type Fields } from './read-fields.ts';
import type { ReadWarning, TemplateItem } from './views.ts';
import { checkSeconds, checkTitle } from './validate-input.ts';

export interface LibraryRoots {
  readonly templates: Y.Map<unknown>;
  readonly meetings: Y.Map<unknown>;
}

export function libraryRoots(doc: Y.Doc): LibraryRoots {
  return { templates: doc.getMap(LIBRARY_ROOT.templates), meetings: doc.getMap(LIBRARY_ROOT.meetings) };
}

export function entryMap(map: Y.Map<unknown>, id: string): Fields | null {
  const value = map.get(id);
  return value instanceof Y.Map ? (value as Fields) : null;
}

export function templateItemsToStore(items: readonly TemplateItem[]): TemplateItem[] {
  return items.map((i) => ({
    title: checkTitle(i.title),
    plannedSec: checkSeconds(i.plannedSec, 'plannedSec'),
    prompt: i.prompt,
  }));
}

export function parseTemplateItems(value: unknown, where: string, warnings: ReadWarning[]): TemplateItem[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    warnings.push({ where, problem: 'expected a list' });
    return [];
  }
  const out: TemplateItem[] = [];
  value.forEach((raw: unknown, index) => {
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const { title, plannedSec, prompt } = r;
    const validSec = isFiniteNumber(plannedSec) && plannedSec >= 0 && plannedSec <= LIMITS.maxPlannedSec;
    if (typeof title !== 'string' || !validSec) {
      warnings.push({ where: `${where}[${index}]`, problem: 'malformed template item' });
      return;
    }
    out.push(Object.freeze({ title, plannedSec, prompt: typeof prompt === 'string' ? prompt : '' }));
  });
  return out;
}
