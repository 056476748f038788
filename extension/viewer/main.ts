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
// A link pasted over this one (a new link after a revocation, an edit link over a view link)
// changes only the fragment, which loads nothing: the page starts again for the new link.
window.addEventListener('hashchange', () => location.reload());
const link = readViewerLink(location.pathname, location.hash);
const early = takeEarlySocket(window);
const conn = link.kind === 'ok' ? new ViewerConnection(link, window, early) : null;
if (conn === null) early?.discard();
const target = document.getElementById('app');
try {
  const [locale, { default: ViewerApp }] = await Promise.all([useBundledMessages(), import('./ViewerApp.svelte')]);
  document.documentElement.lang = locale;
  if (target) {
    target.replaceChildren();
    mount(ViewerApp, { target, props: { link, conn } });
  }
} catch (error) {
  // A chunk lost on a flaky connection: say so, in the shell's language (the messages may be
  // what failed), instead of "Loading the meeting…" for good.
  conn?.destroy();
  const problem = document.createElement('p');
  problem.className = 'boot';
  problem.setAttribute('role', 'alert');
  problem.textContent = 'This page could not finish loading. Check the connection, then reload the page.';
  target?.replaceChildren(problem);
  throw error;
}
