// The library as plain frozen data: built-in and own templates, and the meeting index.
import type * as Y from 'yjs';
import { BUILTIN_TEMPLATES, builtinTemplate } from './builtin-templates.ts';
import type { MeetingId, TemplateId } from './ids.ts';
import { isId } from './ids.ts';
import { entryMap, libraryRoots, parseTemplateItems } from './library-doc.ts';
import { knownKeys, Reader, type Fields } from './read-fields.ts';
import { INDEX_KEY, LIBRARY_ROOT, TEMPLATE_KEY } from './schema.ts';
import { purgeTimeOf } from './trash-ops.ts';
import type { LibraryView, MeetingIndexEntry, MeetingStatus, ReadWarning, TemplateView, TrashEntry } from './views.ts';

const STATUSES: readonly MeetingStatus[] = ['planned', 'running', 'ended'];
const KNOWN = { roots: knownKeys(LIBRARY_ROOT), template: knownKeys(TEMPLATE_KEY), entry: knownKeys(INDEX_KEY) } as const;

function templateFrom(map: Fields, id: TemplateId, r: Reader): TemplateView {
  const at = `templates.${id}`;
  r.unknownKeys(map.keys(), KNOWN.template, at);
  const items = parseTemplateItems(map.get(TEMPLATE_KEY.items), `${at}.items`, r.warnings);
  return Object.freeze({
    id,
    name: r.string(map, TEMPLATE_KEY.name, at),
    description: r.string(map, TEMPLATE_KEY.description, at),
    builtIn: false,
    durationSec: r.nullableNumber(map, TEMPLATE_KEY.durationSec, at),
    items: Object.freeze(items),
    itemsPlannedSec: items.reduce((s, i) => s + i.plannedSec, 0),
    createdAt: r.number(map, TEMPLATE_KEY.createdAt, at),
    updatedAt: r.number(map, TEMPLATE_KEY.updatedAt, at),
  });
}

export function readTemplate(lib: Y.Doc, id: TemplateId, warnings: ReadWarning[]): TemplateView | null {
  const map = entryMap(libraryRoots(lib).templates, id);
  if (map === null) return null;
  const r = new Reader();
  const view = templateFrom(map, id, r);
  warnings.push(...r.warnings);
  return view;
}

function indexEntryFrom(map: Fields, id: MeetingId, r: Reader): MeetingIndexEntry {
  const at = `meetings.${id}`;
  r.unknownKeys(map.keys(), KNOWN.entry, at);
  let status = r.string(map, INDEX_KEY.status, at, 'planned') as MeetingStatus;
  if (!STATUSES.includes(status)) {
    r.warn(`${at}.status`, `unknown status ${JSON.stringify(status)}`);
    status = 'planned';
  }
  return Object.freeze({
    id,
    title: r.string(map, INDEX_KEY.title, at),
    scheduledFor: r.nullableNumber(map, INDEX_KEY.scheduledFor, at),
    status,
    createdAt: r.number(map, INDEX_KEY.createdAt, at),
    updatedAt: r.number(map, INDEX_KEY.updatedAt, at),
    followUpOf: r.nullableId<MeetingId>(map, INDEX_KEY.followUpOf, at),
  });
}

function byName(a: TemplateView, b: TemplateView): number {
  return a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
}

function newestFirst(a: MeetingIndexEntry, b: MeetingIndexEntry): number {
  const ta = a.scheduledFor ?? a.createdAt;
  const tb = b.scheduledFor ?? b.createdAt;
  return tb - ta || (a.id < b.id ? -1 : 1);
}

function lastDeletedFirst(a: TrashEntry, b: TrashEntry): number {
  return b.deletedAt - a.deletedAt || (a.id < b.id ? -1 : 1);
}

function trashEntry(kind: TrashEntry['kind'], id: string, title: string, deletedAt: number): TrashEntry {
  return Object.freeze({ kind, id, title, deletedAt, purgeAt: purgeTimeOf(deletedAt) } as TrashEntry);
}

export function libraryView(lib: Y.Doc): LibraryView {
  const r = new Reader();
  const { templates, meetings } = libraryRoots(lib);
  r.unknownRoots(lib, KNOWN.roots);
  const own: TemplateView[] = [];
  const trash: TrashEntry[] = [];
  templates.forEach((_value, id) => {
    const map = entryMap(templates, id);
    if (map === null || !isId(id)) return r.warn(`templates.${id}`, 'malformed template');
    const template = templateFrom(map, id as TemplateId, r);
    const deletedAt = r.nullableNumber(map, TEMPLATE_KEY.deletedAt, `templates.${id}`);
    if (deletedAt === null) own.push(template);
    else trash.push(trashEntry('template', id, template.name, deletedAt));
  });
  const index: MeetingIndexEntry[] = [];
  meetings.forEach((_value, id) => {
    const map = entryMap(meetings, id);
    if (map === null || !isId(id)) return r.warn(`meetings.${id}`, 'malformed index entry');
    const entry = indexEntryFrom(map, id as MeetingId, r);
    const deletedAt = r.nullableNumber(map, INDEX_KEY.deletedAt, `meetings.${id}`);
    if (deletedAt === null) index.push(entry);
    else trash.push(trashEntry('meeting', id, entry.title, deletedAt));
  });
  return Object.freeze({
    templates: Object.freeze([...BUILTIN_TEMPLATES, ...own.sort(byName)]),
    meetings: Object.freeze(index.sort(newestFirst)),
    trash: Object.freeze(trash.sort(lastDeletedFirst)),
    warnings: Object.freeze(r.warnings),
  });
}

/** A template by id, built-in or own, or null. */
export function findTemplate(lib: Y.Doc, id: TemplateId): TemplateView | null {
  return builtinTemplate(id) ?? readTemplate(lib, id, []);
}
