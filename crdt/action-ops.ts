// Action items: text, owner, due date, done, and the agenda item they came up under.
import * as Y from 'yjs';
import type { ActionId, ItemId, MeetingId, RandomBytes } from './ids.ts';
import { newId } from './ids.ts';
import { InvalidInputError } from './errors.ts';
import { findEntry, meetingRoots, patchFields, removeEntry } from './meeting-doc.ts';
import { isValidDue } from './meeting-read.ts';
import { ACTION_KEY } from './schema.ts';
import { checkNullableId, checkTime } from './validate-input.ts';

export interface NewAction {
  readonly random: RandomBytes;
  readonly now: number;
  readonly text: string;
  readonly owner?: string;
  /** YYYY-MM-DD or null. */
  readonly due?: string | null;
  readonly itemId?: ItemId | null;
  /** The meeting a follow-up carries this open action over from. */
  readonly carriedFrom?: MeetingId | null;
}

export interface ActionPatch {
  readonly text?: string;
  readonly owner?: string;
  readonly due?: string | null;
  readonly itemId?: ItemId | null;
  readonly done?: boolean;
}

function checkDue(due: string | null | undefined): string | undefined {
  if (due === undefined) return undefined;
  if (due === null || due === '') return '';
  if (!isValidDue(due)) throw new InvalidInputError('due: YYYY-MM-DD');
  return due;
}

export function addAction(doc: Y.Doc, a: NewAction): ActionId {
  const id: ActionId = newId(a.random);
  const map = new Y.Map<unknown>();
  map.set(ACTION_KEY.id, id);
  map.set(ACTION_KEY.text, a.text);
  map.set(ACTION_KEY.owner, a.owner ?? '');
  map.set(ACTION_KEY.due, checkDue(a.due) ?? '');
  map.set(ACTION_KEY.done, false);
  map.set(ACTION_KEY.itemId, checkNullableId(a.itemId ?? null, 'itemId'));
  map.set(ACTION_KEY.createdAt, checkTime(a.now, 'now'));
  if (a.carriedFrom) map.set(ACTION_KEY.carriedFrom, checkNullableId(a.carriedFrom, 'carriedFrom'));
  doc.transact(() => meetingRoots(doc).actions.push([map]));
  return id;
}

export function updateAction(doc: Y.Doc, actionId: ActionId, patch: ActionPatch): boolean {
  const due = checkDue(patch.due);
  const itemId = patch.itemId === undefined ? undefined : checkNullableId(patch.itemId, 'itemId');
  let found = false;
  doc.transact(() => {
    const entry = findEntry(meetingRoots(doc).actions, actionId);
    if (entry === null) return;
    found = true;
    patchFields(entry.map, {
      [ACTION_KEY.text]: patch.text,
      [ACTION_KEY.owner]: patch.owner,
      [ACTION_KEY.due]: due,
      [ACTION_KEY.done]: patch.done,
    });
    if (itemId !== undefined && entry.map.get(ACTION_KEY.itemId) !== itemId) entry.map.set(ACTION_KEY.itemId, itemId);
  });
  return found;
}

export function removeAction(doc: Y.Doc, actionId: ActionId): boolean {
  let found = false;
  doc.transact(() => {
    found = removeEntry(meetingRoots(doc).actions, actionId);
  });
  return found;
}
