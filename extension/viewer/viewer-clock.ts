// The viewer's clock source: relay time from this page's offset estimate while live; while the
// connection is down it stands still at the moment of the drop, so an offline page never counts
// down as if it knew. Actions are still stamped with the corrected time.
import { Ticker } from '../components/ticker.svelte.ts';
import { uiLanguage } from '../platform/i18n.ts';
import type { ClockSource } from '../live/clock-source.ts';
import type { ViewerConnection } from './viewer-connection.svelte.ts';

export function viewerClock(conn: ViewerConnection): ClockSource {
  const ticker = new Ticker(() => conn.clock.offsetMs);
  return {
    get now() {
      const state = conn.state;
      return state.kind === 'offline' ? state.since : ticker.now;
    },
    corrected: () => ticker.corrected(),
  };
}

/** The time of day an offline page's frozen clock was last true, to the second, in the page's
 *  language (the browser's own may differ from the one the page speaks). */
export function lastKnownText(now: number, locale = uiLanguage()): string {
  return new Date(now).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
