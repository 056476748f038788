// Creating a meeting document and editing its meta; also the one place the UI gets Y types: the
// shared texts the notes editor binds to.
import * as Y from 'yjs';
import type { ItemId, MeetingId, TemplateId } from './ids.ts';
import { findEntry, meetingRoots, patchFields } from './meeting-doc.ts';
import { ITEM_KEY, META_KEY, SCHEMA_VERSION } from './schema.ts';
import { checkNullableId, checkNullableTime, checkSeconds, checkTime, checkTitle } from './validate-input.ts';
import { InvalidInputError } from './errors.ts';
import { isId } from './ids.ts';

export interface NewMeeting {
  readonly id: MeetingId;
  readonly title: string;
  readonly now: number;
  readonly scheduledFor?: number | null;
  readonly durationSec?: number | null;
  readonly templateId?: TemplateId | null;
  readonly followUpOf?: MeetingId | null;
}

export function createMeeting(doc: Y.Doc, m: NewMeeting): MeetingId {
  if (!isId(m.id)) throw new InvalidInputError('meeting id');
  const durationSec = m.durationSec ?? null;
  if (durationSec !== null) checkSeconds(durationSec, 'durationSec');
  doc.transact(() => {
    patchFields(meetingRoots(doc).meta, {
      [META_KEY.schemaVersion]: SCHEMA_VERSION,
      [META_KEY.id]: m.id,
      [META_KEY.title]: checkTitle(m.title),
      [META_KEY.createdAt]: checkTime(m.now, 'now'),
      [META_KEY.scheduledFor]: checkNullableTime(m.scheduledFor ?? null, 'scheduledFor'),
      [META_KEY.durationSec]: durationSec,
      [META_KEY.templateId]: checkNullableId(m.templateId ?? null, 'templateId'),
      [META_KEY.followUpOf]: checkNullableId(m.followUpOf ?? null, 'followUpOf'),
    });
  });
  return m.id;
}

export interface MeetingPatch {
  readonly title?: string;
  readonly scheduledFor?: number | null;
  readonly durationSec?: number | null;
}

export function updateMeeting(doc: Y.Doc, patch: MeetingPatch): void {
  const durationSec = patch.durationSec;
  if (durationSec !== undefined && durationSec !== null) checkSeconds(durationSec, 'durationSec');
  const scheduledFor = patch.scheduledFor;
  if (scheduledFor !== undefined) checkNullableTime(scheduledFor, 'scheduledFor');
  doc.transact(() => {
    const meta = meetingRoots(doc).meta;
    // null is a real value here ("not scheduled"), so it is written explicitly.
    if (scheduledFor !== undefined) meta.set(META_KEY.scheduledFor, scheduledFor);
    if (durationSec !== undefined) meta.set(META_KEY.durationSec, durationSec);
    patchFields(meta, { [META_KEY.title]: patch.title === undefined ? undefined : checkTitle(patch.title) });
  });
}

export function meetingNotesText(doc: Y.Doc): Y.Text {
  return meetingRoots(doc).notes;
}

/** The item's notes for an editor binding, or null if the item is gone or malformed. */
export function itemNotesText(doc: Y.Doc, itemId: ItemId): Y.Text | null {
  const notes = findEntry(meetingRoots(doc).items, itemId)?.map.get(ITEM_KEY.notes);
  return notes instanceof Y.Text ? notes : null;
}
