// Planned against actual, per item and for the whole meeting, computed from the clock log.
import type * as Y from 'yjs';
import { meetingView } from './meeting-view.ts';
import type { MeetingReport, ReportItem } from './views.ts';

const toSec = (ms: number): number => Math.round(ms / 1000);

// A report describes a meeting as it stands; for a running meeting, "now" fixes the moment.
export function meetingReport(doc: Y.Doc, now: number = Number.NaN): MeetingReport {
  const view = meetingView(doc, Number.isFinite(now) ? now : Number.NEGATIVE_INFINITY);
  const { clock } = view;
  const items: ReportItem[] = view.items.map((item) => {
    const allowedSec = item.plannedSec + item.extendedSec;
    const actualSec = toSec(item.actualMs);
    return Object.freeze({
      id: item.id,
      title: item.title,
      owner: item.owner,
      plannedSec: item.plannedSec,
      extendedSec: item.extendedSec,
      actualSec,
      overrunSec: Math.max(0, actualSec - allowedSec),
      skipped: clock.ended && !clock.visited.includes(item.id),
      done: item.done,
      notes: item.notes,
    });
  });
  const actualSec = toSec(clock.meetingElapsedMs);
  const plannedSec = toSec(clock.meetingPlannedMs);
  return Object.freeze({
    id: view.id,
    title: view.title,
    scheduledFor: view.scheduledFor,
    startedAt: clock.startedAt,
    endedAt: clock.endedAt,
    status: view.status,
    items: Object.freeze(items),
    plannedSec,
    actualSec,
    overrunSec: Math.max(0, actualSec - plannedSec),
    skippedCount: items.filter((i) => i.skipped).length,
    overrunCount: items.filter((i) => i.overrunSec > 0).length,
    notes: view.notes,
    decisions: view.decisions,
    actions: view.actions,
    warnings: view.warnings,
  });
}
