// Pure: the overlay's clock between snapshots. The background sends remaining time measured at
// its Date.now(); the content script runs in the same browser, so extrapolating with its own
// Date.now() needs no relay offset.
import type { ClockSnapshot } from '../platform/messages.ts';

export interface OverlayClock {
  readonly remainingMs: number;
  readonly overrunMs: number;
  readonly overrun: boolean;
}

export function overlayClock(s: ClockSnapshot, localNow: number): OverlayClock {
  const elapsed = s.paused ? 0 : Math.max(0, localNow - s.computedAt);
  const left = s.itemRemainingMs - s.itemOverrunMs - elapsed;
  return { remainingMs: Math.max(0, left), overrunMs: Math.max(0, -left), overrun: left < 0 };
}

export interface Position {
  readonly x: number;
  readonly y: number;
}

/** Keeps the widget fully on screen when the window shrinks or a stored position is stale. */
export function clampPosition(p: Position, size: { width: number; height: number }, viewport: { width: number; height: number }): Position {
  const maxX = Math.max(0, viewport.width - size.width);
  const maxY = Math.max(0, viewport.height - size.height);
  return { x: Math.round(Math.min(maxX, Math.max(0, p.x))), y: Math.round(Math.min(maxY, Math.max(0, p.y))) };
}
