// How the data model copes with a long, busy meeting: size on disk, load time, and the cost of
// the read models the UI recomputes on every change and every clock tick.
import * as Y from 'yjs';
import { clockView, meetingMarkdown, meetingView, readClockLog } from '../crdt/index.ts';
import type { BenchResult } from './bench-result.ts';
import { buildLargeMeeting, LARGE_MEETING } from './fixtures/large-meeting.ts';
import { formatBytes, formatMs, timeCalls } from './measure.ts';

const TARGET_MS = { clockView: 0.2, meetingView: 2, load: 20 } as const;

export default async function run(): Promise<BenchResult> {
  const built = performance.now();
  const meeting = buildLargeMeeting();
  const buildMs = performance.now() - built;
  const { update, now } = meeting;

  const load = timeCalls(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    doc.destroy();
  }, 30, 3);
  const loadAndView = timeCalls(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    meetingView(doc, now);
    doc.destroy();
  }, 30, 3);

  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const log = readClockLog(doc);
  const view = meetingView(doc, now);
  if (log.events.length !== LARGE_MEETING.clockEvents || view.items.length !== LARGE_MEETING.items) {
    throw new Error(`fixture mismatch: ${log.events.length} events, ${view.items.length} items`);
  }
  const notesChars = view.notes.length + view.items.reduce((s, i) => s + i.notes.length, 0);
  const clock = timeCalls((i) => clockView(log, now + i), 20_000, 2_000);
  const clockFromDoc = timeCalls((i) => clockView(readClockLog(doc), now + i), 2_000, 200);
  const mv = timeCalls((i) => meetingView(doc, now + i), 1_000, 100);
  const md = timeCalls(() => meetingMarkdown(doc, { now, timeZone: 'UTC' }), 100, 10);

  const row = (metric: string, ms: number, target?: number) => ({
    metric,
    value: formatMs(ms),
    ...(target === undefined ? {} : { target: `< ${target} ms`, ok: ms < target }),
  });
  return {
    name: 'crdt-large-meeting',
    title: 'Data model: a large meeting',
    rows: [
      { metric: 'encoded size (Yjs update v1)', value: formatBytes(update.byteLength) },
      { metric: 'encoded size (Yjs update v2)', value: formatBytes(Y.encodeStateAsUpdateV2(doc).byteLength) },
      row('load from stored update (median)', load.medianMs, TARGET_MS.load),
      row('load + first meetingView (median)', loadAndView.medianMs),
      row('clockView, one call (median)', clock.medianMs, TARGET_MS.clockView),
      row('clockView, one call (p95)', clock.p95Ms),
      row('readClockLog + clockView from the doc (median)', clockFromDoc.medianMs),
      row('meetingView, one call (median)', mv.medianMs, TARGET_MS.meetingView),
      row('meetingView, one call (p95)', mv.p95Ms),
      row('meetingMarkdown (median)', md.medianMs),
      row('building the fixture (once)', buildMs),
    ],
    notes: [
      `Fixture (bench/fixtures/large-meeting.ts): ${view.items.length} items, ${notesChars} characters of notes typed one per transaction on a second replica, ${log.events.length} clock events, ${view.actions.length} actions, ${view.decisions.length} decisions; the meeting is still running.`,
      `Medians over ${clock.runs} clockView, ${mv.runs} meetingView, ${md.runs} meetingMarkdown and ${load.runs} load runs, after a warm-up.`,
    ],
  };
}
