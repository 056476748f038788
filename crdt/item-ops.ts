// Agenda items: add, edit, reorder, remove. Each operation is one transaction; an edit of an item
// removed meanwhile on another replica returns false instead of resurrecting it.
import * as Y from 'yjs';
import type { ItemId, RandomBytes } from './ids.ts';
import { newId } from './ids.ts';
import { findEntry, meetingRoots, patchFields, removeEntry } from './meeting-doc.ts';
import { readItems } from './meeting-read.ts';
import { Reader } from './read-fields.ts';
import { ITEM_KEY } from './schema.ts';
import { checkSeconds, checkTitle } from './validate-input.ts';

export interface NewItem {
  readonly random: RandomBytes;
  readonly title: string;
  readonly plannedSec: number;
  readonly owner?: string;
  readonly prompt?: string;
  readonly notes?: string;
  /** Agenda position to insert at; the end when omitted. */
  readonly index?: number;
}

export interface ItemPatch {
  readonly title?: string;
  readonly plannedSec?: number;
  readonly owner?: string;
  readonly prompt?: string;
  readonly done?: boolean;
}

function agendaOrder(doc: Y.Doc): { id: ItemId; order: number }[] {
  return readItems(doc, new Reader(), false).map(({ id, order }) => ({ id, order }));
}

// A key strictly between the neighbours at `index`, renumbering the agenda in the rare case
// that repeated halving has run out of floating-point room.
function orderAt(doc: Y.Doc, index: number, excluding: ItemId | null): number {
  let list = agendaOrder(doc).filter((i) => i.id !== excluding);
  const at = Math.max(0, Math.min(index, list.length));
  const between = (): number | null => {
    const prev = list[at - 1]?.order;
    const next = list[at]?.order;
    if (prev === undefined) return next === undefined ? 1 : next - 1;
    if (next === undefined) return prev + 1;
    const mid = (prev + next) / 2;
    return mid > prev && mid < next ? mid : null;
  };
  const key = between();
  if (key !== null) return key;
  const items = meetingRoots(doc).items;
  list = list.map((entry, i) => {
    findEntry(items, entry.id)?.map.set(ITEM_KEY.order, i + 1);
    return { id: entry.id, order: i + 1 };
  });
  return between() ?? list.length + 1;
}

export function addItem(doc: Y.Doc, item: NewItem): ItemId {
  const id: ItemId = newId(item.random);
  checkSeconds(item.plannedSec, 'plannedSec');
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    const order = orderAt(doc, item.index ?? Number.MAX_SAFE_INTEGER, null);
    map.set(ITEM_KEY.id, id);
    map.set(ITEM_KEY.title, checkTitle(item.title));
    map.set(ITEM_KEY.plannedSec, item.plannedSec);
    map.set(ITEM_KEY.owner, item.owner ?? '');
    map.set(ITEM_KEY.prompt, item.prompt ?? '');
    map.set(ITEM_KEY.notes, new Y.Text(item.notes ?? ''));
    map.set(ITEM_KEY.done, false);
    map.set(ITEM_KEY.order, order);
    meetingRoots(doc).items.push([map]);
  });
  return id;
}

export function updateItem(doc: Y.Doc, itemId: ItemId, patch: ItemPatch): boolean {
  if (patch.plannedSec !== undefined) checkSeconds(patch.plannedSec, 'plannedSec');
  let found = false;
  doc.transact(() => {
    const entry = findEntry(meetingRoots(doc).items, itemId);
    if (entry === null) return;
    found = true;
    patchFields(entry.map, {
      [ITEM_KEY.title]: patch.title === undefined ? undefined : checkTitle(patch.title),
      [ITEM_KEY.plannedSec]: patch.plannedSec,
      [ITEM_KEY.owner]: patch.owner,
      [ITEM_KEY.prompt]: patch.prompt,
      [ITEM_KEY.done]: patch.done,
    });
  });
  return found;
}

export function setItemDone(doc: Y.Doc, itemId: ItemId, done: boolean): boolean {
  return updateItem(doc, itemId, { done });
}

/** Moves the item so that `toIndex` is its position in the agenda afterwards. */
export function moveItem(doc: Y.Doc, itemId: ItemId, toIndex: number): boolean {
  let found = false;
  doc.transact(() => {
    const entry = findEntry(meetingRoots(doc).items, itemId);
    if (entry === null) return;
    found = true;
    entry.map.set(ITEM_KEY.order, orderAt(doc, toIndex, itemId));
  });
  return found;
}

export function removeItem(doc: Y.Doc, itemId: ItemId): boolean {
  let found = false;
  doc.transact(() => {
    found = removeEntry(meetingRoots(doc).items, itemId);
  });
  return found;
}
