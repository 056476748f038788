// The clock is a pure fold over its log, in document order, which every replica shares; so
// replicas that have seen the same events show the same clock, and no ticking state is stored.
// Event times are made monotone (an event never counts as earlier than the one before it), so
// a device with a skewed clock can shorten or stretch a segment but never make time run back.
import type { ClockLog } from './clock-events.ts';
import type { ItemId } from './ids.ts';
import { LIMITS } from './schema.ts';
import type { ClockView } from './views.ts';

const MS = 1000;

interface FoldState {
  started: boolean;
  paused: boolean;
  ended: boolean;
  startedAt: number | null;
  endedAt: number | null;
  current: ItemId | null;
  segmentStart: number;
  meetingMs: number;
  actual: Map<string, number>;
  extended: Map<string, number>;
  visited: ItemId[];
  completed: ItemId[];
}

function isRunning(s: FoldState): boolean {
  return s.started && !s.paused && !s.ended && s.current !== null;
}

function accrue(s: FoldState, until: number): void {
  if (isRunning(s) && until > s.segmentStart) {
    const ms = until - s.segmentStart;
    const id = s.current as ItemId;
    s.actual.set(id, (s.actual.get(id) ?? 0) + ms);
    s.meetingMs += ms;
  }
  s.segmentStart = Math.max(s.segmentStart, until);
}

function enter(s: FoldState, id: ItemId): void {
  s.current = id;
  if (!s.actual.has(id)) {
    s.actual.set(id, 0);
    s.visited.push(id);
  }
}

function fold(log: ClockLog): FoldState {
  const s: FoldState = {
    started: false, paused: false, ended: false, startedAt: null, endedAt: null, current: null,
    segmentStart: -Infinity, meetingMs: 0, actual: new Map(), extended: new Map(), visited: [],
    completed: [],
  };
  for (const e of log.events) {
    if (s.ended) break;
    // A device whose clock jumped far ahead must not stretch one segment over years: an event
    // counts as at most maxClockGapMs after the one before it.
    const latest = s.started ? s.segmentStart + LIMITS.maxClockGapMs : e.at;
    const at = Math.max(Math.min(e.at, latest), s.segmentStart);
    if (!s.started) {
      if (e.op !== 'start') continue;
      s.started = true;
      s.startedAt = at;
      s.segmentStart = at;
      enter(s, e.itemId);
      continue;
    }
    accrue(s, at);
    switch (e.op) {
      case 'pause':
        s.paused = true;
        break;
      case 'resume':
        s.paused = false;
        break;
      case 'next':
        if (e.itemId !== s.current) break;
        if (!s.completed.includes(e.itemId)) s.completed.push(e.itemId);
        if (e.to === null) {
          s.ended = true;
          s.endedAt = at;
        } else enter(s, e.to);
        break;
      case 'extend':
        if (e.itemId === s.current) s.extended.set(e.itemId, (s.extended.get(e.itemId) ?? 0) + e.sec);
        break;
      case 'jump':
        enter(s, e.itemId);
        break;
      case 'end':
        s.ended = true;
        s.endedAt = at;
        break;
      case 'start':
        break;
    }
  }
  return s;
}

export function clockView(log: ClockLog, now: number): ClockView {
  const s = fold(log);
  if (s.started && !s.ended) accrue(s, now);
  const planned = new Map<string, number>();
  let itemsPlannedSec = 0;
  for (const item of log.items) {
    planned.set(item.id, item.plannedSec);
    itemsPlannedSec += item.plannedSec;
  }
  let extendedTotal = 0;
  for (const sec of s.extended.values()) extendedTotal += sec;
  const current = s.current;
  const itemElapsedMs = current === null ? 0 : s.actual.get(current) ?? 0;
  const itemPlannedMs = current === null ? 0 : ((planned.get(current) ?? 0) + (s.extended.get(current) ?? 0)) * MS;
  const meetingPlannedMs = (log.durationSec ?? itemsPlannedSec + extendedTotal) * MS;
  const meetingElapsedMs = s.meetingMs;
  return Object.freeze({
    started: s.started,
    paused: s.paused,
    ended: s.ended,
    running: isRunning(s),
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    currentItemId: current,
    currentIndex: current === null ? -1 : log.items.findIndex((i) => i.id === current),
    itemElapsedMs,
    itemPlannedMs,
    itemRemainingMs: Math.max(0, itemPlannedMs - itemElapsedMs),
    itemOverrun: itemElapsedMs > itemPlannedMs,
    itemOverrunMs: Math.max(0, itemElapsedMs - itemPlannedMs),
    meetingElapsedMs,
    meetingPlannedMs,
    meetingRemainingMs: Math.max(0, meetingPlannedMs - meetingElapsedMs),
    meetingOverrun: meetingElapsedMs > meetingPlannedMs,
    meetingOverrunMs: Math.max(0, meetingElapsedMs - meetingPlannedMs),
    actualMs: Object.freeze(Object.fromEntries(s.actual)),
    extendedSec: Object.freeze(Object.fromEntries(s.extended)),
    visited: Object.freeze(s.visited),
    completed: Object.freeze(s.completed),
    eventCount: log.events.length,
  });
}
