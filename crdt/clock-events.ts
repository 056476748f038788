// The clock log's event shapes and their defensive parsing. Events are plain JSON in a Y.Array,
// appended and never edited; an event this version does not understand is skipped and reported.
import type { ActorId, ItemId } from './ids.ts';
import { isId } from './ids.ts';
import { LIMITS } from './schema.ts';
import type { ReadWarning } from './views.ts';

export const CLOCK_OP = {
  start: 'start',
  pause: 'pause',
  resume: 'resume',
  next: 'next',
  extend: 'extend',
  jump: 'jump',
  end: 'end',
} as const;

export type ClockOp = (typeof CLOCK_OP)[keyof typeof CLOCK_OP];

interface EventBase {
  readonly at: number;
  readonly by: ActorId;
}

export type ClockEvent =
  | (EventBase & { readonly op: 'start'; readonly itemId: ItemId })
  | (EventBase & { readonly op: 'pause'; readonly itemId: ItemId | null })
  | (EventBase & { readonly op: 'resume'; readonly itemId: ItemId | null })
  // "Advance from itemId to `to`": a next whose itemId is no longer current is ignored, so
  // two facilitators pressing Next together advance once. `to` null means the agenda is done.
  | (EventBase & { readonly op: 'next'; readonly itemId: ItemId; readonly to: ItemId | null })
  | (EventBase & { readonly op: 'extend'; readonly itemId: ItemId; readonly sec: number })
  | (EventBase & { readonly op: 'jump'; readonly itemId: ItemId })
  | (EventBase & { readonly op: 'end'; readonly itemId: ItemId | null });

/** An agenda entry as the clock sees it. */
export interface ClockPlanItem {
  readonly id: ItemId;
  readonly plannedSec: number;
}

/** Everything clockView needs: the events in document order and the agenda they refer to. */
export interface ClockLog {
  readonly events: readonly ClockEvent[];
  readonly items: readonly ClockPlanItem[];
  readonly durationSec: number | null;
  readonly warnings: readonly ReadWarning[];
}

const EVENT_KEYS: ReadonlySet<string> = new Set(['op', 'itemId', 'at', 'by', 'to', 'sec']);

function optionalItem(value: unknown): ItemId | null | undefined {
  if (value === null || value === undefined) return null;
  return isId(value) ? (value as ItemId) : undefined;
}

export function parseClockEvent(raw: unknown, where: string, warnings: ReadWarning[]): ClockEvent | null {
  const skip = (problem: string): null => {
    warnings.push({ where, problem });
    return null;
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return skip('not an object');
  const r = raw as Record<string, unknown>;
  for (const key in r) if (!EVENT_KEYS.has(key)) warnings.push({ where: `${where}.${key}`, problem: 'unknown field, ignored' });
  const { op, at } = r;
  if (typeof at !== 'number' || !Number.isFinite(at)) return skip('bad time');
  if (at < LIMITS.minClockTime || at > LIMITS.maxClockTime) return skip('time out of range');
  const by = (typeof r.by === 'string' ? r.by : '') as ActorId;
  const itemId = optionalItem(r.itemId);
  if (itemId === undefined) return skip('bad item id');
  switch (op) {
    case CLOCK_OP.pause:
    case CLOCK_OP.resume:
    case CLOCK_OP.end:
      return { op, at, by, itemId };
    case CLOCK_OP.start:
    case CLOCK_OP.jump:
      return itemId === null ? skip(`${op} without item`) : { op, at, by, itemId };
    case CLOCK_OP.next: {
      const to = optionalItem(r.to);
      if (itemId === null || to === undefined) return skip('bad next');
      return { op, at, by, itemId, to };
    }
    case CLOCK_OP.extend: {
      const { sec } = r;
      if (itemId === null) return skip('extend without item');
      if (typeof sec !== 'number' || !Number.isInteger(sec) || sec <= 0 || sec > LIMITS.maxExtendSec) {
        return skip('bad extension');
      }
      return { op, at, by, itemId, sec };
    }
    default:
      return skip(`unknown op ${JSON.stringify(op)}`);
  }
}
