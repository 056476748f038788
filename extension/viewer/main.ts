// The live viewer's entry (/m/<meetingId>#<token>): global styles, the bundled messages in the
// reader's language (there is no chrome.i18n on the web), then the app for the link in the
// address bar.
import { mount } from 'svelte';
import '../styles/tokens.css';
import '../styles/base.css';
import { useBundledMessages } from '../platform/bundled-messages.ts';
import ViewerApp from './ViewerApp.svelte';
import { readViewerLink } from './viewer-link.ts';
import { VIEWER_MARK } from './viewer-marks.ts';

performance.mark(VIEWER_MARK.scriptStart);
document.documentElement.lang = await useBundledMessages();
const target = document.getElementById('app');
if (target) {
  target.replaceChildren();
  mount(ViewerApp, { target, props: { link: readViewerLink(location.pathname, location.hash) } });
}
