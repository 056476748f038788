// The minutes as clean Markdown, ready for an email or a wiki. Every piece of user text goes
// through the escapers, so a title like "*Q3* | <b>" reads exactly as typed. The fixed words,
// durations and dates are English by default; the UI passes its labels, language and time zone.
import type * as Y from 'yjs';
import { formatDuration } from './duration-text.ts';
import { escapeBlock, escapeInline } from './markdown-text.ts';
import { meetingReport } from './meeting-report.ts';
import type { ActionView, MeetingReport, ReportItem } from './views.ts';

export const MARKDOWN_LABELS = {
  untitled: 'Meeting',
  planned: 'Planned',
  actual: 'Actual',
  over: 'over',
  agenda: 'Agenda',
  item: 'Item',
  owner: 'Owner',
  remarks: 'Notes',
  notes: 'Notes',
  decisions: 'Decisions',
  actions: 'Action items',
  skipped: 'skipped',
  extended: 'extended',
  done: 'done',
  due: 'due',
} as const;

export type MarkdownLabels = { readonly [K in keyof typeof MARKDOWN_LABELS]: string };

export interface MarkdownOptions {
  readonly now?: number;
  readonly locale?: string;
  readonly timeZone?: string;
  readonly labels?: Partial<MarkdownLabels>;
}

// The minutes travel (an email, a wiki) to readers in other zones, so the time names its zone;
// dateStyle cannot be combined with timeZoneName, so the zone comes from a second format.
function when(report: MeetingReport, o: MarkdownOptions): string | null {
  const at = report.startedAt ?? report.scheduledFor;
  if (at === null) return null;
  const locale = o.locale ?? 'en';
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: o.timeZone }).format(at);
  const zone = new Intl.DateTimeFormat(locale, { timeZoneName: 'short', timeZone: o.timeZone }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  return zone === undefined ? time : `${time} ${zone.value}`;
}

// A due date is a calendar day (YYYY-MM-DD) with no time zone of its own: read and shown in UTC
// so it names the same day everywhere. One formatter per minutes: building an Intl format costs
// about a quarter of a millisecond, which a hundred actions turned into most of the export.
function dueDates(o: MarkdownOptions): (due: string) => string {
  const format = new Intl.DateTimeFormat(o.locale ?? 'en', { dateStyle: 'medium', timeZone: 'UTC' });
  return (due) => {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due);
    if (day === null) return escapeInline(due);
    return format.format(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  };
}

function duration(o: MarkdownOptions): (sec: number) => string {
  return (sec) => formatDuration(sec, o.locale ?? 'en');
}

function summary(report: MeetingReport, o: MarkdownOptions, l: MarkdownLabels): string {
  const formatDuration = duration(o);
  const parts = [when(report, o), `${l.planned} ${formatDuration(report.plannedSec)}`].filter((p) => p !== null);
  if (report.startedAt !== null) {
    const over = report.overrunSec > 0 ? ` (${formatDuration(report.overrunSec)} ${l.over})` : '';
    parts.push(`${l.actual} ${formatDuration(report.actualSec)}${over}`);
  }
  return parts.join(' · ');
}

function itemRemark(item: ReportItem, l: MarkdownLabels, formatDuration: (sec: number) => string): string {
  const remarks: string[] = [];
  if (item.skipped) remarks.push(l.skipped);
  if (item.extendedSec > 0) remarks.push(`${l.extended} ${formatDuration(item.extendedSec)}`);
  if (item.overrunSec > 0) remarks.push(`${formatDuration(item.overrunSec)} ${l.over}`);
  if (item.done) remarks.push(l.done);
  return remarks.join(', ');
}

function agenda(report: MeetingReport, o: MarkdownOptions, l: MarkdownLabels): string[] {
  const formatDuration = duration(o);
  const started = report.startedAt !== null;
  const header = ['#', ...[l.item, l.owner, l.planned, l.actual, l.remarks].map(escapeInline)].join(' | ');
  const lines = [`| ${header} |`, '| ---: | --- | --- | ---: | ---: | --- |'];
  report.items.forEach((item, i) => {
    const actual = started ? formatDuration(item.actualSec) : '';
    lines.push(`| ${i + 1} | ${escapeInline(item.title)} | ${escapeInline(item.owner)} | ${formatDuration(item.plannedSec)} | ${actual} | ${escapeInline(itemRemark(item, l, formatDuration))} |`);
  });
  return lines;
}

function itemTitle(report: MeetingReport, id: string | null): string {
  const item = report.items.find((i) => i.id === id);
  return item === undefined ? '' : ` _(${escapeInline(item.title)})_`;
}

function action(report: MeetingReport, a: ActionView, dueDate: (due: string) => string, l: MarkdownLabels): string {
  const who = a.owner === '' ? [] : [`**${escapeInline(a.owner)}**`];
  const due = a.due === null ? [] : [`${escapeInline(l.due)} ${dueDate(a.due)}`];
  const meta = [...who, ...due].join(', ');
  return `- [${a.done ? 'x' : ' '}] ${escapeInline(a.text)}${meta === '' ? '' : ` — ${meta}`}${itemTitle(report, a.itemId)}`;
}

export function meetingMarkdown(doc: Y.Doc, o: MarkdownOptions = {}): string {
  const l: MarkdownLabels = { ...MARKDOWN_LABELS, ...o.labels };
  const report = meetingReport(doc, o.now);
  const out: string[] = [`# ${escapeInline(report.title) || escapeInline(l.untitled)}`, '', summary(report, o, l), ''];
  if (report.items.length > 0) out.push(`## ${escapeInline(l.agenda)}`, '', ...agenda(report, o, l), '');
  const notes = escapeBlock(report.notes);
  const itemNotes = report.items
    .map((item, index) => ({ number: index + 1, title: item.title, text: escapeBlock(item.notes) }))
    .filter((n) => n.text !== '');
  if (notes !== '' || itemNotes.length > 0) {
    out.push(`## ${escapeInline(l.notes)}`, '');
    if (notes !== '') out.push(notes, '');
    for (const n of itemNotes) out.push(`### ${n.number}. ${escapeInline(n.title)}`, '', n.text, '');
  }
  if (report.decisions.length > 0) {
    out.push(`## ${escapeInline(l.decisions)}`, '', ...report.decisions.map((d) => `- ${escapeInline(d.text)}${itemTitle(report, d.itemId)}`), '');
  }
  if (report.actions.length > 0) {
    const dueDate = dueDates(o);
    out.push(`## ${escapeInline(l.actions)}`, '', ...report.actions.map((a) => action(report, a, dueDate, l)), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
