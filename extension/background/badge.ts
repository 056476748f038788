/// <reference types="chrome" />
// The toolbar badge: the current item's remaining minutes, "+Nm" in overrun.
import type { BadgeState } from './clock-signals.ts';

const TONE_COLOUR = {
  none: '#00000000',
  running: '#1f6f6b',
  paused: '#6b6f73',
  overrun: '#b3261e',
} as const;

let shown = '';

export async function showBadge(state: BadgeState): Promise<void> {
  const key = `${state.text}|${state.tone}`;
  if (key === shown) return;
  shown = key;
  await chrome.action.setBadgeText({ text: state.text });
  if (state.tone !== 'none') {
    await chrome.action.setBadgeBackgroundColor({ color: TONE_COLOUR[state.tone] });
    await chrome.action.setBadgeTextColor({ color: '#ffffff' });
  }
}
