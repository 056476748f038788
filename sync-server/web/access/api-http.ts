// The HTTP edge of the access API: the request as handlers see it, their reply, and the
// helpers that turn bodies and headers into checked values or ApiErrors. Handlers never touch
// the Node response, so every reply and every error goes out through one writer.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress } from '../../client-address.ts';
import { ApiError, ApiErrorCode } from './access-errors.ts';

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  /** Path parameters, e.g. the share id of `/api/shares/<shareId>`. */
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The socket's address; forwarded headers are never trusted for rate limits. */
  readonly ip: string;
  readonly now: number;
}

/** A download: bytes sent as an attachment, never cached. */
export interface ApiFile {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly fileName: string;
}

export type ApiReply =
  | { readonly status: 200 | 201; readonly body: unknown }
  | { readonly status: 200; readonly file: ApiFile }
  | { readonly status: 204 }
  /** A browser redirect (the OpenID routes); the location may carry a one-time code. */
  | { readonly status: 302; readonly location: string };

export type ApiHandler = (request: ApiRequest) => ApiReply | Promise<ApiReply>;

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,256})$/;

export function toApiRequest(req: IncomingMessage, body: Buffer, now: number): ApiRequest {
  const url = new URL(req.url ?? '/', 'http://relay.invalid');
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    params: [],
    query: url.searchParams,
    headers: req.headers,
    body,
    ip: clientAddress(req),
    now,
  };
}

export function writeReply(res: ServerResponse, reply: ApiReply): void {
  if (reply.status === 204) {
    res.writeHead(204, { 'cache-control': 'no-store' }).end();
    return;
  }
  if (reply.status === 302) {
    // no-referrer: the provider's page must not learn the relay's URL with its query, nor the reverse.
    res.writeHead(302, { location: reply.location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).end();
    return;
  }
  if ('file' in reply) {
    const { bytes, contentType, fileName } = reply.file;
    res
      .writeHead(200, {
        'content-type': contentType,
        'content-length': bytes.byteLength,
        'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
        'cache-control': 'no-store',
      })
      .end(bytes);
    return;
  }
  writeJson(res, reply.status, reply.body, {});
}

export function writeError(res: ServerResponse, error: ApiError): void {
  const { code, message, details } = error;
  writeJson(res, error.status, { error: details === undefined ? { code, message } : { code, message, details } }, error.headers);
}

function writeJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>>): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
    })
    .end(text);
}

export function readJsonObject(request: ApiRequest, maxBytes: number): Record<string, unknown> {
  if (request.body.length > maxBytes) {
    throw new ApiError(413, ApiErrorCode.bodyTooLarge, `The request body is larger than ${maxBytes} bytes.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(request.body.toString('utf8'));
  } catch {
    throw new ApiError(400, ApiErrorCode.invalidJson, 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError(400, ApiErrorCode.invalidJson, 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

export function bearerToken(request: ApiRequest): string {
  const match = BEARER.exec(request.headers.authorization ?? '');
  if (match?.[1] === undefined) {
    throw new ApiError(401, ApiErrorCode.unauthenticated, 'Sign in first: send Authorization: Bearer <session>.', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
  return match[1];
}
