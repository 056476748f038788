// The minutes as clean Markdown, ready for an email or a wiki. Every piece of user text goes
// through the escapers, so a title like "*Q3* | <b>" reads exactly as typed.
import type * as Y from 'yjs';
import { escapeBlock, escapeInline, formatDuration } from './markdown-text.ts';
import { meetingReport } from './meeting-report.ts';
import type { ActionView, MeetingReport, ReportItem } from './views.ts';

export interface MarkdownOptions {
  readonly now?: number;
  readonly locale?: string;
  readonly timeZone?: string;
}

function when(report: MeetingReport, o: MarkdownOptions): string | null {
  const at = report.startedAt ?? report.scheduledFor;
  if (at === null) return null;
  const format = new Intl.DateTimeFormat(o.locale ?? 'en', { dateStyle: 'medium', timeStyle: 'short', timeZone: o.timeZone });
  return format.format(new Date(at));
}

function summary(report: MeetingReport, o: MarkdownOptions): string {
  const parts = [when(report, o), `Planned ${formatDuration(report.plannedSec)}`].filter((p) => p !== null);
  if (report.startedAt !== null) {
    const over = report.overrunSec > 0 ? ` (${formatDuration(report.overrunSec)} over)` : '';
    parts.push(`Actual ${formatDuration(report.actualSec)}${over}`);
  }
  return parts.join(' · ');
}

function itemRemark(item: ReportItem): string {
  const remarks: string[] = [];
  if (item.skipped) remarks.push('skipped');
  if (item.extendedSec > 0) remarks.push(`extended ${formatDuration(item.extendedSec)}`);
  if (item.overrunSec > 0) remarks.push(`${formatDuration(item.overrunSec)} over`);
  if (item.done) remarks.push('done');
  return remarks.join(', ');
}

function agenda(report: MeetingReport): string[] {
  const started = report.startedAt !== null;
  const lines = ['| # | Item | Owner | Planned | Actual | Notes |', '| ---: | --- | --- | ---: | ---: | --- |'];
  report.items.forEach((item, i) => {
    const actual = started ? formatDuration(item.actualSec) : '';
    lines.push(`| ${i + 1} | ${escapeInline(item.title)} | ${escapeInline(item.owner)} | ${formatDuration(item.plannedSec)} | ${actual} | ${itemRemark(item)} |`);
  });
  return lines;
}

function itemTitle(report: MeetingReport, id: string | null): string {
  const item = report.items.find((i) => i.id === id);
  return item === undefined ? '' : ` _(${escapeInline(item.title)})_`;
}

function action(report: MeetingReport, a: ActionView): string {
  const who = a.owner === '' ? [] : [`**${escapeInline(a.owner)}**`];
  const due = a.due === null ? [] : [`due ${a.due}`];
  const meta = [...who, ...due].join(', ');
  return `- [${a.done ? 'x' : ' '}] ${escapeInline(a.text)}${meta === '' ? '' : ` — ${meta}`}${itemTitle(report, a.itemId)}`;
}

export function meetingMarkdown(doc: Y.Doc, o: MarkdownOptions = {}): string {
  const report = meetingReport(doc, o.now);
  const out: string[] = [`# ${escapeInline(report.title) || 'Meeting'}`, '', summary(report, o), ''];
  if (report.items.length > 0) out.push('## Agenda', '', ...agenda(report), '');
  const notes = escapeBlock(report.notes);
  const itemNotes = report.items.filter((i) => escapeBlock(i.notes) !== '');
  if (notes !== '' || itemNotes.length > 0) {
    out.push('## Notes', '');
    if (notes !== '') out.push(notes, '');
    for (const item of itemNotes) {
      out.push(`### ${report.items.indexOf(item) + 1}. ${escapeInline(item.title)}`, '', escapeBlock(item.notes), '');
    }
  }
  if (report.decisions.length > 0) {
    out.push('## Decisions', '', ...report.decisions.map((d) => `- ${escapeInline(d.text)}${itemTitle(report, d.itemId)}`), '');
  }
  if (report.actions.length > 0) {
    out.push('## Action items', '', ...report.actions.map((a) => action(report, a)), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
