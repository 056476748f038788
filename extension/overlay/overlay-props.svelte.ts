// The overlay component's props as one reactive object, so snapshots and moves update the
// mounted widget in place (its tick timer and drag state survive) instead of remounting it.
import type { ClockSnapshot } from '../platform/messages.ts';
import type { Position } from './overlay-clock.ts';

export interface OverlayProps {
  snapshot: ClockSnapshot;
  position: Position | null;
  onmove: (p: Position) => void;
  onhide: () => void;
}

export function overlayProps(initial: OverlayProps): OverlayProps {
  const props = $state(initial);
  return props;
}
