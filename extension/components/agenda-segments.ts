// The progress bar's segments for a meeting: each item's box (with its extensions) against the
// time it has run so far, and whether it is done, current or still ahead.
import type { ClockView, ItemView } from '../../crdt/index.ts';
import type { Segment } from './component-types.ts';

export function agendaSegments(items: readonly ItemView[], clock: ClockView): Segment[] {
  return items.map((i) => ({
    id: i.id,
    title: i.title,
    plannedSec: i.plannedSec + (clock.extendedSec[i.id] ?? 0),
    elapsedSec: Math.round((clock.actualMs[i.id] ?? 0) / 1000),
    state: i.id === clock.currentItemId ? 'current' : clock.visited.includes(i.id) ? 'done' : 'upcoming',
  }));
}
