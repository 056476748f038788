// The live viewer's entry (/m/<meetingId>#<token>): global styles, then, for a link that can
// work, the page's connection (websocket and the clock's first round trip) before anything else,
// so the relay's answer travels while the components load and the bundled messages (in the
// reader's language: there is no chrome.i18n on the web) are registered; then the app.
import { mount } from 'svelte';
import '../styles/tokens.css';
import '../styles/base.css';
import { useBundledMessages } from '../platform/bundled-messages.ts';
import { ViewerConnection } from './viewer-connection.svelte.ts';
import { readViewerLink } from './viewer-link.ts';
import { VIEWER_MARK } from './viewer-marks.ts';

performance.mark(VIEWER_MARK.scriptStart);
const link = readViewerLink(location.pathname, location.hash);
const conn = link.kind === 'ok' ? new ViewerConnection(link, window) : null;
const [locale, { default: ViewerApp }] = await Promise.all([useBundledMessages(), import('./ViewerApp.svelte')]);
document.documentElement.lang = locale;
const target = document.getElementById('app');
if (target) {
  target.replaceChildren();
  mount(ViewerApp, { target, props: { link, conn } });
}
