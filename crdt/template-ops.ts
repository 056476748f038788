// A person's own templates: create, update, rename, duplicate (also of a built-in), delete.
import * as Y from 'yjs';
import type { RandomBytes, TemplateId } from './ids.ts';
import { newId } from './ids.ts';
import { entryMap, libraryRoots, templateItemsToStore } from './library-doc.ts';
import { patchFields } from './meeting-doc.ts';
import { TEMPLATE_KEY } from './schema.ts';
import { checkSeconds, checkTime, checkTitle } from './validate-input.ts';
import type { TemplateItem, TemplateView } from './views.ts';
import { findTemplate } from './library-view.ts';

export interface NewTemplate {
  readonly random: RandomBytes;
  readonly now: number;
  readonly name: string;
  readonly description?: string;
  readonly durationSec?: number | null;
  readonly items: readonly TemplateItem[];
}

export interface TemplatePatch {
  readonly name?: string;
  readonly description?: string;
  readonly durationSec?: number | null;
  readonly items?: readonly TemplateItem[];
}

export function createTemplate(lib: Y.Doc, t: NewTemplate): TemplateId {
  const id: TemplateId = newId(t.random);
  const durationSec = t.durationSec ?? null;
  if (durationSec !== null) checkSeconds(durationSec, 'durationSec');
  const map = new Y.Map<unknown>();
  map.set(TEMPLATE_KEY.id, id);
  map.set(TEMPLATE_KEY.name, checkTitle(t.name));
  map.set(TEMPLATE_KEY.description, t.description ?? '');
  map.set(TEMPLATE_KEY.durationSec, durationSec);
  map.set(TEMPLATE_KEY.items, templateItemsToStore(t.items));
  map.set(TEMPLATE_KEY.createdAt, checkTime(t.now, 'now'));
  map.set(TEMPLATE_KEY.updatedAt, t.now);
  lib.transact(() => libraryRoots(lib).templates.set(id, map));
  return id;
}

export function updateTemplate(lib: Y.Doc, id: TemplateId, patch: TemplatePatch, now: number): boolean {
  const items = patch.items === undefined ? undefined : templateItemsToStore(patch.items);
  if (patch.durationSec !== undefined && patch.durationSec !== null) checkSeconds(patch.durationSec, 'durationSec');
  let found = false;
  lib.transact(() => {
    const map = entryMap(libraryRoots(lib).templates, id);
    if (map === null) return;
    found = true;
    patchFields(map, {
      [TEMPLATE_KEY.name]: patch.name === undefined ? undefined : checkTitle(patch.name),
      [TEMPLATE_KEY.description]: patch.description,
      [TEMPLATE_KEY.items]: items,
      [TEMPLATE_KEY.updatedAt]: checkTime(now, 'now'),
    });
    if (patch.durationSec !== undefined) map.set(TEMPLATE_KEY.durationSec, patch.durationSec);
  });
  return found;
}

/** Copies a built-in or own template into a new own template; null if the source is gone. */
export function duplicateTemplate(
  lib: Y.Doc,
  id: TemplateId,
  // from: the template as the person saw it (a built-in in their language), copied as shown.
  opts: { readonly random: RandomBytes; readonly now: number; readonly name?: string; readonly from?: TemplateView },
): TemplateId | null {
  const source = opts.from?.id === id ? opts.from : findTemplate(lib, id);
  if (source === null) return null;
  return createTemplate(lib, {
    random: opts.random,
    now: opts.now,
    name: opts.name ?? `${source.name} (copy)`,
    description: source.description,
    durationSec: source.durationSec,
    items: source.items,
  });
}
