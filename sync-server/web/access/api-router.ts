// Maps `/api/...` paths and methods to handlers. A `*` segment captures a path parameter. An
// unknown path is not ours (the transport answers 404); a known path with another method is 405.
import { ApiError, ApiErrorCode } from './access-errors.ts';
import type { ApiHandler, ApiRequest } from './api-http.ts';

export interface ApiRoute {
  readonly path: string;
  readonly methods: Readonly<Record<string, ApiHandler>>;
}

export type RouteMatch = { readonly handler: ApiHandler; readonly request: ApiRequest } | null;

const PARAM = '*';

export function matchRoute(routes: readonly ApiRoute[], request: ApiRequest): RouteMatch {
  const segments = request.path.split('/');
  for (const route of routes) {
    const params = matchPath(route.path.split('/'), segments);
    if (params === null) continue;
    const handler = route.methods[request.method];
    if (handler === undefined) {
      const allow = Object.keys(route.methods).join(', ');
      throw new ApiError(405, ApiErrorCode.methodNotAllowed, `${request.path} accepts ${allow}.`, { headers: { allow } });
    }
    return { handler, request: { ...request, params } };
  }
  return null;
}

function matchPath(pattern: readonly string[], segments: readonly string[]): string[] | null {
  if (pattern.length !== segments.length) return null;
  const params: string[] = [];
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] ?? '';
    if (part === PARAM) {
      if (segment === '') return null;
      params.push(decodeSegment(segment));
    } else if (part !== segment) {
      return null;
    }
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, ApiErrorCode.badRequest, 'The path is not valid percent-encoding.');
  }
}
