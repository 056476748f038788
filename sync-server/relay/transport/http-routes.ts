// Plain HTTP routes of the relay: liveness (/healthz: the process answers), readiness (/readyz:
// the store can commit), metrics (only with the metrics token when one is set), the clock, and
// /api/* and /auth/* (the OpenID sign-in redirects) handed to access control.
// Anything else goes to an optional fallback (the website) and then to a JSON 404. Requests are
// logged by method and path only; query strings can carry tokens.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessGate } from '../access-gate.ts';
import type { Logger } from '../../logger.ts';
import type { RelayMetrics } from '../metrics.ts';
import { warnIfAborted } from '../../aborted-request.ts';
import { clientAddress } from '../../client-address.ts';
import type { MetricsAccess } from './metrics-access.ts';
import type { Readiness } from '../readiness.ts';
import { BodyTooLargeError, readBodyWithin } from '../../request-body.ts';
import { loggedTarget, requestUrl } from './request-url.ts';
import { ApiRoutes } from '../../../wire/api-routes.ts';

export type HttpFallback = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface HttpRouteDeps {
  readonly access: AccessGate;
  readonly metrics: RelayMetrics;
  readonly readiness: Readiness;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  readonly metricsAccess: MetricsAccess;
  readonly fallback?: HttpFallback;
}

const SIGN_IN_PREFIX = '/auth/';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

// The extension calls the API from its own origin (chrome-extension://...) without a host
// permission for the relay, so the API answers CORS. Credentials are bearer tokens in a header,
// never cookies, so allowing any origin grants nothing a page could not already do.
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PATCH, DELETE',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
} as const;

/** Sets the CORS headers; answers a preflight itself and returns true when it did. */
function allowCrossOrigin(req: IncomingMessage, res: ServerResponse): boolean {
  for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204).end();
  return true;
}

export function createHttpHandler(deps: HttpRouteDeps) {
  const route = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.method === 'GET' && path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (req.method === 'GET' && path === '/readyz') {
      if (await deps.readiness.check()) return sendJson(res, 200, { status: 'ready' });
      return sendError(res, 503, 'store_unavailable', 'the store cannot commit');
    }
    if (req.method === 'GET' && path === '/metrics') {
      if (!deps.metricsAccess.allows(req)) {
        deps.metricsAccess.refused(clientAddress(req), deps.logger);
        res.setHeader('www-authenticate', 'Bearer');
        return sendError(res, 401, 'unauthenticated', '/metrics needs the metrics token as a bearer token');
      }
      await deps.readiness.check();
      const text = await deps.metrics.registry.metrics();
      res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
      res.end(text);
      return;
    }
    if (path === ApiRoutes.time) {
      if (req.method !== 'GET') return sendError(res, 405, 'method_not_allowed', 'use GET');
      return sendJson(res, 200, { now: Date.now() });
    }
    if (path.startsWith(ApiRoutes.prefix) || path.startsWith(SIGN_IN_PREFIX)) {
      const body = await readBodyWithin(req, res, deps.maxBodyBytes);
      if (await deps.access.handleHttp(req, res, body)) return;
      return sendError(res, 404, 'not_found', `no route ${req.method} ${path}`);
    }
    if (deps.fallback && (await deps.fallback(req, res))) return;
    sendError(res, 404, 'not_found', `no route ${req.method} ${path}`);
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = requestUrl(req);
    if (url === null) {
      deps.logger.warn({ method: req.method, target: loggedTarget(req), ip: clientAddress(req) }, 'malformed request target');
      return sendError(res, 400, 'bad_request', 'malformed request target');
    }
    const path = url.pathname;
    if (path.startsWith(ApiRoutes.prefix) && allowCrossOrigin(req, res)) return;
    route(req, res, path).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) {
        if (!res.headersSent) sendError(res, 413, 'body_too_large', error.message);
        return;
      }
      if (warnIfAborted(deps.logger, req, path, error)) return;
      deps.logger.error({ method: req.method, path, err: error }, 'http request failed');
      if (!res.headersSent) sendError(res, 500, 'internal', 'internal error');
      else res.destroy();
    });
  };
}
