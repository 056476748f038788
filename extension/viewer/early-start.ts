// The viewer's first script, inlined in the shell by the build (vite.config.ts): it reads the
// link and opens the page's websocket (early-socket.ts) while the parser is still on the shell,
// and leaves it for main.ts, which hands it to the provider. It is bundled on its own as a classic
// script, so it must stay small: the link parser and the socket, never Yjs or the components.
import { EarlySocket, publishEarlySocket, syncServerUrl, syncSocketUrl } from './early-socket.ts';
import { readViewerLink } from './viewer-link.ts';
import { VIEWER_MARK } from './viewer-marks.ts';

const link = readViewerLink(location.pathname, location.hash);
if (link.kind === 'ok') {
  const url = syncSocketUrl(syncServerUrl(location), link.docName, link.token);
  publishEarlySocket(window, new EarlySocket(url, WebSocket, () => performance.mark(VIEWER_MARK.socketOpen)));
}
