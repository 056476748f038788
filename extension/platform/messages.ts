// The runtime messages between extension contexts: a tagged union, so a receiver narrows on
// `type` and an unknown message is ignored, never guessed at.
export const PORT_OVERLAY = 'overlay' as const;

/** What the overlay needs to draw, computed by the background from the active meeting. */
export interface ClockSnapshot {
  readonly active: boolean;
  readonly meetingTitle: string;
  readonly itemTitle: string;
  readonly itemRemainingMs: number;
  readonly itemOverrunMs: number;
  readonly paused: boolean;
  /** The local Date.now() when the numbers were computed; receivers extrapolate from it. */
  readonly computedAt: number;
}

export type RuntimeMessage =
  /** To the offscreen document: play now. */
  | { readonly type: 'chime'; readonly volume: number }
  /** To the background: play a chime (it owns the offscreen document); the options page's test. */
  | { readonly type: 'play-chime'; readonly volume: number }
  | { readonly type: 'clock-snapshot'; readonly snapshot: ClockSnapshot };

export function isRuntimeMessage(value: unknown): value is RuntimeMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
