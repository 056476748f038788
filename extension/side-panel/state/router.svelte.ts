// The side panel's current view, kept in the URL hash so a reload lands on the same meeting;
// the popup's requests (open this meeting, make a new one) move it too.
import { onPanelRouteRequested, takePanelRoute } from '../../platform/panel-request.ts';
import { parseRoute, routeHash, type Route } from './route.ts';

export type { Route } from './route.ts';

class Router {
  route: Route = $state(parseRoute(globalThis.location?.hash ?? ''));

  constructor() {
    globalThis.addEventListener?.('hashchange', () => {
      this.route = parseRoute(location.hash);
    });
    void takePanelRoute().then((hash) => {
      if (hash !== null) this.go(parseRoute(hash));
    });
    onPanelRouteRequested((hash) => this.go(parseRoute(hash)));
  }

  go(route: Route): void {
    this.route = route;
    const hash = routeHash(route);
    if (location.hash !== hash) history.pushState(null, '', hash);
  }
}

export const router = new Router();
