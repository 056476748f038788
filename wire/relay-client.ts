// The one HTTP client for the relay's JSON API, used by the extension, the live viewer and the
// account page alike. Errors are the relay's {error: {code, message, details?}} as a
// RelayRequestError, code 'network' when the relay cannot be reached, `http_<status>` when a
// proxy answered instead. A session travels as a bearer header, never a cookie.
import { readRefusalDetails, type RefusalDetails } from './refusal-details.ts';

export class RelayRequestError extends Error {
  override readonly name = 'RelayRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What a client words the refusal from; absent when the relay sent none it could read. */
    readonly details?: RefusalDetails,
  ) {
    super(message);
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RelayClientOptions {
  /** The relay's base URL; '' for the page's own origin. */
  readonly baseUrl: string;
  /** The bearer session, read at each call; null sends none. */
  readonly session?: () => string | null;
  /** Told when the relay refuses a session it was sent (401): the session ended elsewhere. */
  readonly onSessionEnded?: () => void;
}

export interface RelayClient {
  /** The parsed JSON answer; null for an empty one (204). */
  json<T>(method: HttpMethod, path: string, body?: unknown): Promise<T>;
  /** The raw answer of a successful call, for downloads. */
  send(method: HttpMethod, path: string, body?: unknown): Promise<Response>;
}

const UNREACHABLE = 'The relay could not be reached. Check the connection and try again.';

export function normaliseRelayUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export function relayClient(options: RelayClientOptions): RelayClient {
  const send = async (method: HttpMethod, path: string, body?: unknown): Promise<Response> => {
    const headers: Record<string, string> = {};
    const bearer = options.session?.() ?? null;
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(normaliseRelayUrl(options.baseUrl) + path, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch {
      throw new RelayRequestError(0, 'network', UNREACHABLE);
    }
    if (response.ok) return response;
    const failure = await readFailure(response);
    if (response.status === 401 && bearer !== null) options.onSessionEnded?.();
    throw failure;
  };
  return {
    send,
    async json<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
      const response = await send(method, path, body);
      const text = await response.text();
      try {
        return (text === '' ? null : JSON.parse(text)) as T;
      } catch {
        throw new RelayRequestError(response.status, 'malformed_response', 'The relay sent an answer that is not JSON.');
      }
    },
  };
}

async function readFailure(response: Response): Promise<RelayRequestError> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null;
    const { code, message, details } = body?.error ?? {};
    if (typeof code === 'string' && typeof message === 'string') {
      return new RelayRequestError(response.status, code, message, readRefusalDetails(details));
    }
  } catch {
    // Not the relay's JSON (a proxy's error page): fall through to a generic message.
  }
  return new RelayRequestError(response.status, `http_${response.status}`, `The relay answered ${response.status}. Try again in a moment.`);
}
