// Where a live meeting takes its time from. Every context gives one: the relay-corrected clock
// (side panel, popup and background, through the extension's one offset estimate), or the
// viewer's, which also stands still while its connection is down.
export interface ClockSource {
  /** The time the clock shows; in Svelte contexts reading it subscribes to the tick. */
  readonly now: number;
  /** The corrected time to stamp an action with, read without subscribing. */
  corrected(): number;
}
