// The side panel's one clock, corrected to the relay's time when an offset is known.
import { Ticker } from '../../components/ticker.svelte.ts';
import { currentOffsetMs } from '../../data/clock-offset.ts';

export const ticker = new Ticker(currentOffsetMs);
