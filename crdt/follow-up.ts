// The next meeting of a series: unfinished items (neither ticked done nor moved past with Next)
// and open actions carry over into a fresh meeting whose meta links back to the original; each
// carried action names the meeting it came from, so the follow-up can show them as carried over.
// Notes, decisions and the clock stay behind. The way back (original → follow-up) is read from
// the library index (entries whose followUpOf names the original), so nothing in the original
// has to be written, and a deleted follow-up stops being linked.
import type * as Y from 'yjs';
import { NotAMeetingError } from './errors.ts';
import type { ItemId, MeetingId } from './ids.ts';
import { addAction } from './action-ops.ts';
import { addItem } from './item-ops.ts';
import { createMeeting } from './meeting-ops.ts';
import { clockView } from './clock-view.ts';
import { readActions, readClockLog, readItems, readMeta } from './meeting-read.ts';
import { Reader } from './read-fields.ts';
import type { NewMeetingFrom } from './template-meetings.ts';

/** Fills the empty `target` document as the follow-up of `source`. */
export function createFollowUp(source: Y.Doc, target: Y.Doc, f: NewMeetingFrom): MeetingId {
  const r = new Reader();
  const meta = readMeta(source, r);
  if (meta.id === null) throw new NotAMeetingError('the source meeting has no id');
  const covered = new Set<string>(clockView(readClockLog(source), f.now).completed);
  const items = readItems(source, r, false).filter((i) => !i.done && !covered.has(i.id));
  const actions = readActions(source, r).filter((a) => !a.done);
  target.transact(() => {
    createMeeting(target, {
      id: f.id,
      title: f.title ?? meta.title,
      now: f.now,
      scheduledFor: f.scheduledFor ?? null,
      durationSec: meta.durationSec,
      templateId: meta.templateId,
      followUpOf: meta.id,
    });
    const newIds = new Map<ItemId, ItemId>();
    for (const item of items) {
      const { title, plannedSec, owner, prompt } = item;
      newIds.set(item.id, addItem(target, { random: f.random, title, plannedSec, owner, prompt }));
    }
    for (const a of actions) {
      const itemId = a.itemId === null ? null : newIds.get(a.itemId) ?? null;
      addAction(target, { random: f.random, now: f.now, text: a.text, owner: a.owner, due: a.due, itemId, carriedFrom: meta.id });
    }
  });
  return f.id;
}
