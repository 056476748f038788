// Content script on meeting sites. It must never break the host page: it adds one host element
// with an isolated shadow root, touches nothing else, and swallows its own failures.
import { mount, unmount } from 'svelte';
import { getSettings, onSettingsChanged } from '../platform/settings.ts';
import { readKey, watchKey, writeKey } from '../platform/storage-area.ts';
import type { ClockSnapshot } from '../platform/messages.ts';
import Overlay from './Overlay.svelte';
import type { Position } from './overlay-clock.ts';
import { linkSnapshots } from './snapshot-link.ts';
import { overlayProps, type OverlayProps } from './overlay-props.svelte.ts';

const HOST_ID = 'leavethemeeting-overlay';
const POSITION_KEY = 'overlayPosition' as const;

let snapshot: ClockSnapshot | null = null;
let enabled = false;
let hiddenHere = false;
let position: Position | null = null;
let host: HTMLElement | null = null;
let app: ReturnType<typeof mount> | null = null;
let props: OverlayProps | null = null;

function remove(): void {
  if (app) void unmount(app);
  app = null;
  props = null;
  host?.remove();
  host = null;
}

function render(): void {
  if (!enabled || hiddenHere || snapshot?.active !== true) {
    remove();
    return;
  }
  if (props) {
    props.snapshot = snapshot;
    props.position = position;
    return;
  }
  host = document.createElement('div');
  host.id = HOST_ID;
  host.style.cssText = 'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;';
  const root = host.attachShadow({ mode: 'open' });
  document.documentElement.append(host);
  props = overlayProps({
    snapshot,
    position,
    onmove: (p) => {
      position = p;
      void writeKey(POSITION_KEY, p);
      render();
    },
    onhide: () => {
      hiddenHere = true;
      render();
    },
  });
  app = mount(Overlay, { target: root, props });
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    console.debug('LeaveTheMeeting overlay:', error);
  }
}

async function start(): Promise<void> {
  const [settings, stored] = await Promise.all([getSettings(), readKey<Position>(POSITION_KEY)]);
  enabled = settings.overlayEnabled;
  position = stored ?? null;
  onSettingsChanged((s) => safely(() => ((enabled = s.overlayEnabled), render())));
  watchKey(POSITION_KEY, (p) => safely(() => ((position = (p as Position | undefined) ?? null), render())));
  linkSnapshots((s) => safely(() => ((snapshot = s), render())));
  safely(render);
}

if (window.top === window) void start().catch((error: unknown) => console.debug('LeaveTheMeeting overlay:', error));
