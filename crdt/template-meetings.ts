// Running a template creates a meeting from it; a finished meeting can become a template.
import type * as Y from 'yjs';
import type { MeetingId, RandomBytes, TemplateId } from './ids.ts';
import { addItem } from './item-ops.ts';
import { createMeeting } from './meeting-ops.ts';
import { readItems, readMeta } from './meeting-read.ts';
import { Reader } from './read-fields.ts';
import { createTemplate } from './template-ops.ts';
import type { TemplateView } from './views.ts';

/** How a meeting made from something else (a template, or the meeting it follows) starts. */
export interface NewMeetingFrom {
  readonly id: MeetingId;
  readonly random: RandomBytes;
  readonly now: number;
  readonly title?: string;
  readonly scheduledFor?: number | null;
}

export function createMeetingFromTemplate(doc: Y.Doc, template: TemplateView, m: NewMeetingFrom): MeetingId {
  doc.transact(() => {
    createMeeting(doc, {
      id: m.id,
      title: m.title ?? template.name,
      now: m.now,
      scheduledFor: m.scheduledFor ?? null,
      durationSec: template.durationSec,
      templateId: template.id,
    });
    for (const item of template.items) {
      addItem(doc, { random: m.random, title: item.title, plannedSec: item.plannedSec, prompt: item.prompt });
    }
  });
  return m.id;
}

export function saveMeetingAsTemplate(
  meeting: Y.Doc,
  lib: Y.Doc,
  opts: { readonly random: RandomBytes; readonly now: number; readonly name?: string; readonly description?: string },
): TemplateId {
  const r = new Reader();
  const meta = readMeta(meeting, r);
  const items = readItems(meeting, r, false).map(({ title, plannedSec, prompt }) => ({ title, plannedSec, prompt }));
  return createTemplate(lib, {
    random: opts.random,
    now: opts.now,
    name: opts.name ?? meta.title,
    description: opts.description ?? '',
    durationSec: meta.durationSec,
    items,
  });
}
