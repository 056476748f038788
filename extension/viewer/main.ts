// The live viewer's entry (/m/<meetingId>#<token>): global styles, then, for a link that can
// work, the page's connection before anything else (over the websocket the shell's inlined
// early-start.ts opened before this bundle arrived, and the clock's first round trip), so the
// relay's answer is applied while the components load and the bundled messages (in the reader's
// language: there is no chrome.i18n on the web) are registered; then the app.
import { mount } from 'svelte';
import '../styles/tokens.css';
import '../styles/base.css';
import { useBundledMessages } from '../platform/bundled-messages.ts';
import { takeEarlySocket } from './early-socket.ts';
import { ViewerConnection } from './viewer-connection.svelte.ts';
import { readViewerLink } from './viewer-link.ts';
import { VIEWER_MARK } from './viewer-marks.ts';

performance.mark(VIEWER_MARK.scriptStart);
const link = readViewerLink(location.pathname, location.hash);
const early = takeEarlySocket(window);
const conn = link.kind === 'ok' ? new ViewerConnection(link, window, early) : null;
if (conn === null) early?.discard();
const [locale, { default: ViewerApp }] = await Promise.all([useBundledMessages(), import('./ViewerApp.svelte')]);
document.documentElement.lang = locale;
const target = document.getElementById('app');
if (target) {
  target.replaceChildren();
  mount(ViewerApp, { target, props: { link, conn } });
}
