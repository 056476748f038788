// Decisions: what the meeting settled, optionally under the agenda item it belongs to.
import * as Y from 'yjs';
import type { DecisionId, ItemId, RandomBytes } from './ids.ts';
import { newId } from './ids.ts';
import { findEntry, meetingRoots, patchFields, removeEntry } from './meeting-doc.ts';
import { DECISION_KEY } from './schema.ts';
import { checkNullableId, checkTime } from './validate-input.ts';

export interface NewDecision {
  readonly random: RandomBytes;
  readonly now: number;
  readonly text: string;
  readonly itemId?: ItemId | null;
}

export interface DecisionPatch {
  readonly text?: string;
  readonly itemId?: ItemId | null;
}

export function addDecision(doc: Y.Doc, d: NewDecision): DecisionId {
  const id: DecisionId = newId(d.random);
  const map = new Y.Map<unknown>();
  map.set(DECISION_KEY.id, id);
  map.set(DECISION_KEY.text, d.text);
  map.set(DECISION_KEY.itemId, checkNullableId(d.itemId ?? null, 'itemId'));
  map.set(DECISION_KEY.createdAt, checkTime(d.now, 'now'));
  doc.transact(() => meetingRoots(doc).decisions.push([map]));
  return id;
}

export function updateDecision(doc: Y.Doc, decisionId: DecisionId, patch: DecisionPatch): boolean {
  const itemId = patch.itemId === undefined ? undefined : checkNullableId(patch.itemId, 'itemId');
  let found = false;
  doc.transact(() => {
    const entry = findEntry(meetingRoots(doc).decisions, decisionId);
    if (entry === null) return;
    found = true;
    patchFields(entry.map, { [DECISION_KEY.text]: patch.text });
    if (itemId !== undefined && entry.map.get(DECISION_KEY.itemId) !== itemId) entry.map.set(DECISION_KEY.itemId, itemId);
  });
  return found;
}

export function removeDecision(doc: Y.Doc, decisionId: DecisionId): boolean {
  let found = false;
  doc.transact(() => {
    found = removeEntry(meetingRoots(doc).decisions, decisionId);
  });
  return found;
}
