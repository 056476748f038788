// The side panel's current view, kept in the URL hash so a reload (or a link from the popup)
// lands on the same meeting.
import { parseRoute, routeHash, type Route } from './route.ts';

export type { Route } from './route.ts';

class Router {
  route: Route = $state(parseRoute(globalThis.location?.hash ?? ''));

  constructor() {
    globalThis.addEventListener?.('hashchange', () => {
      this.route = parseRoute(location.hash);
    });
  }

  go(route: Route): void {
    this.route = route;
    const hash = routeHash(route);
    if (location.hash !== hash) history.pushState(null, '', hash);
  }
}

export const router = new Router();
