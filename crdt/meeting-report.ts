// Planned against actual, per item and for the whole meeting, computed from the clock log. One
// planned figure per row (the box plus its extensions) and seconds rounded once for the whole
// meeting, so the rows add up to the totals the report shows beside them.
import type * as Y from 'yjs';
import { roundToTotal } from './largest-remainder.ts';
import { meetingView } from './meeting-view.ts';
import type { MeetingReport, ReportItem } from './views.ts';

const MS = 1000;

// A report describes a meeting as it stands; for a running meeting, "now" fixes the moment.
export function meetingReport(doc: Y.Doc, now: number = Number.NaN): MeetingReport {
  const view = meetingView(doc, Number.isFinite(now) ? now : Number.NEGATIVE_INFINITY);
  const { clock } = view;
  // Time spent on items removed from the agenda since counts in the total but has no row.
  const agendaMs = view.items.reduce((sum, item) => sum + item.actualMs, 0);
  const rounded = roundToTotal([...view.items.map((item) => item.actualMs), clock.meetingElapsedMs - agendaMs], MS);
  const items: ReportItem[] = view.items.map((item, index) => {
    const plannedSec = item.plannedSec + item.extendedSec;
    const actualSec = rounded[index] ?? 0;
    return Object.freeze({
      id: item.id,
      title: item.title,
      owner: item.owner,
      boxSec: item.plannedSec,
      extendedSec: item.extendedSec,
      plannedSec,
      actualSec,
      overrunSec: Math.max(0, actualSec - plannedSec),
      skipped: clock.ended && !clock.visited.includes(item.id),
      done: item.done,
      notes: item.notes,
    });
  });
  const actualSec = rounded.reduce((sum, sec) => sum + sec, 0);
  const plannedSec = Math.round(clock.meetingPlannedMs / MS);
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
