// Reads a meeting document into plain records, skipping and reporting anything malformed.
import type * as Y from 'yjs';
import type { ClockEvent, ClockLog, ClockPlanItem } from './clock-events.ts';
import { parseClockEvent } from './clock-events.ts';
import type { ActionId, DecisionId, ItemId, MeetingId } from './ids.ts';
import { meetingRoots } from './meeting-doc.ts';
import { knownKeys, Reader } from './read-fields.ts';
import { ACTION_KEY, DECISION_KEY, ITEM_KEY, MEETING_ROOT, META_KEY, SCHEMA_VERSION } from './schema.ts';
import type { ActionView, DecisionView, ItemView, MeetingMetaView, ReadWarning } from './views.ts';

export type ItemRecord = Pick<ItemView, 'id' | 'title' | 'plannedSec' | 'owner' | 'prompt' | 'notes' | 'done'> & {
  readonly order: number;
};

const DUE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const KNOWN = {
  roots: knownKeys(MEETING_ROOT),
  meta: knownKeys(META_KEY),
  item: knownKeys(ITEM_KEY),
  action: knownKeys(ACTION_KEY),
  decision: knownKeys(DECISION_KEY),
} as const;

export function readUnknownRoots(doc: Y.Doc, r: Reader): void {
  r.unknownRoots(doc, KNOWN.roots);
}

export function readMeta(doc: Y.Doc, r: Reader): MeetingMetaView {
  const meta = meetingRoots(doc).meta;
  const version = r.number(meta, META_KEY.schemaVersion, 'meta', SCHEMA_VERSION);
  if (version > SCHEMA_VERSION) r.warn('meta.schemaVersion', `written by a newer version (${version})`);
  r.unknownKeys(meta.keys(), KNOWN.meta, 'meta');
  return {
    id: r.nullableId(meta, META_KEY.id, 'meta'),
    title: r.string(meta, META_KEY.title, 'meta'),
    createdAt: r.number(meta, META_KEY.createdAt, 'meta'),
    scheduledFor: r.nullableNumber(meta, META_KEY.scheduledFor, 'meta'),
    durationSec: r.nullableNumber(meta, META_KEY.durationSec, 'meta'),
    templateId: r.nullableId(meta, META_KEY.templateId, 'meta'),
    followUpOf: r.nullableId(meta, META_KEY.followUpOf, 'meta'),
  };
}

// Agenda order: by the fractional order key, ties (concurrent appends) broken by id; an item
// without a key (a broken writer) goes last.
export function readItems(doc: Y.Doc, r: Reader, withNotes = true): ItemRecord[] {
  const records = r.maps(meetingRoots(doc).items, 'items', KNOWN.item).map(({ map, id, at }): ItemRecord => ({
    id: id as ItemId,
    title: r.string(map, ITEM_KEY.title, at),
    plannedSec: r.nonNegative(map, ITEM_KEY.plannedSec, at),
    owner: r.string(map, ITEM_KEY.owner, at),
    prompt: r.string(map, ITEM_KEY.prompt, at),
    notes: withNotes ? r.text(map, ITEM_KEY.notes, at) : '',
    done: r.boolean(map, ITEM_KEY.done, at),
    order: r.number(map, ITEM_KEY.order, at, Number.MAX_VALUE),
  }));
  return records.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function readActions(doc: Y.Doc, r: Reader): ActionView[] {
  return r.maps(meetingRoots(doc).actions, 'actions', KNOWN.action).map(({ map, id, at }) => {
    let due: string | null = r.string(map, ACTION_KEY.due, at) || null;
    if (due !== null && !DUE_PATTERN.test(due)) {
      r.warn(`${at}.due`, 'expected YYYY-MM-DD');
      due = null;
    }
    return Object.freeze({
      id: id as ActionId,
      text: r.string(map, ACTION_KEY.text, at),
      owner: r.string(map, ACTION_KEY.owner, at),
      due,
      done: r.boolean(map, ACTION_KEY.done, at),
      itemId: r.nullableId<ItemId>(map, ACTION_KEY.itemId, at),
      createdAt: r.number(map, ACTION_KEY.createdAt, at),
      carriedFrom: r.nullableId<MeetingId>(map, ACTION_KEY.carriedFrom, at),
    });
  });
}

export function readDecisions(doc: Y.Doc, r: Reader): DecisionView[] {
  return r.maps(meetingRoots(doc).decisions, 'decisions', KNOWN.decision).map(({ map, id, at }) =>
    Object.freeze({
      id: id as DecisionId,
      text: r.string(map, DECISION_KEY.text, at),
      itemId: r.nullableId<ItemId>(map, DECISION_KEY.itemId, at),
      createdAt: r.number(map, DECISION_KEY.createdAt, at),
    }),
  );
}

export function readClockEvents(doc: Y.Doc, warnings: ReadWarning[]): ClockEvent[] {
  const events: ClockEvent[] = [];
  meetingRoots(doc).clock.forEach((raw, index) => {
    const event = parseClockEvent(raw, `clock[${index}]`, warnings);
    if (event !== null) events.push(event);
  });
  return events;
}

export function isValidDue(due: string): boolean {
  return DUE_PATTERN.test(due);
}

/** The log clockView folds, from what was already read: the events and each item's planned length. */
export function clockLogOf(
  events: readonly ClockEvent[],
  items: readonly ClockPlanItem[],
  durationSec: number | null,
  warnings: readonly ReadWarning[],
): ClockLog {
  return Object.freeze({ events, items: items.map(({ id, plannedSec }) => ({ id, plannedSec })), durationSec, warnings });
}

/** The clock log with its agenda, for clockView; cheap enough to call on every tick. */
export function readClockLog(doc: Y.Doc): ClockLog {
  const r = new Reader();
  const meta = readMeta(doc, r);
  const items = readItems(doc, r, false);
  const events = readClockEvents(doc, r.warnings);
  return clockLogOf(events, items, meta.durationSec, r.warnings);
}
