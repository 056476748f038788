// The one HTTP client for the relay's JSON API, used by the extension, the live viewer and the
// account page alike. Every call ends: within a deadline that covers the answer's last byte,
// not only its headers, so a relay or proxy that accepts a connection and never answers (or
// stops halfway through the body) cannot leave a caller waiting. Errors are the relay's
// {error: {code, message, details?}} as a RelayRequestError; the client's own codes are
// RelayClientErrorCode ('network' when the relay cannot be reached, 'timeout' when it did not
// answer in time), `http_<status>` when a proxy answered instead. A session travels as a bearer
// header, never a cookie.
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

/** The codes the client gives a call that has no answer from the relay to word (status 0 for the first two). */
export const RelayClientErrorCode = {
  /** No connection, or it broke: the relay (or the network) is down. */
  network: 'network',
  /** Connected, but the whole answer did not arrive within the call's deadline: retry later. */
  timeout: 'timeout',
  /** An answer that is not JSON where JSON was due. */
  malformedResponse: 'malformed_response',
} as const;

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RelayClientOptions {
  /** The relay's base URL; '' for the page's own origin. */
  readonly baseUrl: string;
  /** The bearer session, read at each call; null sends none. */
  readonly session?: () => string | null;
  /** Told when the relay refuses a session it was sent (401): the session ended elsewhere. */
  readonly onSessionEnded?: () => void;
  /** The deadline of a JSON call, from sending the request to the answer's last byte. */
  readonly timeoutMs?: number;
  /** The deadline of a download (`send`), likewise to its last byte. */
  readonly downloadTimeoutMs?: number;
}

// JSON answers are small and the relay answers them at once; 15 s is far past a slow link yet
// short enough that a form's spinner ends. A download (the account export) is a single deadline
// too, to its last byte, but a longer one: the relay builds the whole archive (reading every
// owned meeting) before it sends the headers, and its body can be many MiB on a slow link. A
// deadline for the headers alone would leave a body that stalls halfway waiting for ever.
export const RELAY_CLIENT_DEFAULTS = { timeoutMs: 15_000, downloadTimeoutMs: 5 * 60_000 } as const;

export interface RelayClient {
  /** The parsed JSON answer; null for an empty one (204). */
  json<T>(method: HttpMethod, path: string, body?: unknown): Promise<T>;
  /** The answer of a successful call, for downloads, its body already read whole within the deadline. */
  send(method: HttpMethod, path: string, body?: unknown): Promise<Response>;
}

const UNREACHABLE = 'The relay could not be reached. Check the connection and try again.';
const timedOut = (ms: number): RelayRequestError =>
  new RelayRequestError(0, RelayClientErrorCode.timeout, `The relay did not answer within ${ms / 1000} s. Try again in a moment.`);

// Statuses whose answer may not carry a body, not even an empty one, when a Response is built.
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 204, 205, 304]);

interface Answer {
  readonly response: Response;
  readonly bytes: ArrayBuffer;
}

export function normaliseRelayUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export function relayClient(options: RelayClientOptions): RelayClient {
  const timeoutMs = options.timeoutMs ?? RELAY_CLIENT_DEFAULTS.timeoutMs;
  const downloadTimeoutMs = options.downloadTimeoutMs ?? RELAY_CLIENT_DEFAULTS.downloadTimeoutMs;

  const call = async (method: HttpMethod, path: string, body: unknown, deadlineMs: number): Promise<Answer> => {
    const headers: Record<string, string> = {};
    const bearer = options.session?.() ?? null;
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const deadline = AbortSignal.timeout(deadlineMs);
    let answer: Answer;
    try {
      const response = await fetch(normaliseRelayUrl(options.baseUrl) + path, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        cache: 'no-store',
        signal: deadline,
      });
      // Read here, under the same signal: a body that stalls is cut off by the deadline too.
      answer = { response, bytes: await response.arrayBuffer() };
    } catch {
      // Known by the signal, not the error's name: Chrome before 124 rejects a timed-out fetch
      // with an AbortError rather than the signal's TimeoutError.
      throw deadline.aborted ? timedOut(deadlineMs) : new RelayRequestError(0, RelayClientErrorCode.network, UNREACHABLE);
    }
    if (answer.response.ok) return answer;
    if (answer.response.status === 401 && bearer !== null) options.onSessionEnded?.();
    throw readFailure(answer);
  };

  return {
    async send(method, path, body) {
      const { response, bytes } = await call(method, path, body, downloadTimeoutMs);
      const { status, statusText, headers } = response;
      return new Response(NULL_BODY_STATUSES.has(status) ? null : bytes, { status, statusText, headers });
    },
    async json<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
      const { response, bytes } = await call(method, path, body, timeoutMs);
      const text = new TextDecoder().decode(bytes);
      try {
        return (text === '' ? null : JSON.parse(text)) as T;
      } catch {
        throw new RelayRequestError(response.status, RelayClientErrorCode.malformedResponse, 'The relay sent an answer that is not JSON.');
      }
    },
  };
}

function readFailure({ response, bytes }: Answer): RelayRequestError {
  try {
    const body = JSON.parse(new TextDecoder().decode(bytes)) as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null;
    const { code, message, details } = body?.error ?? {};
    if (typeof code === 'string' && typeof message === 'string') {
      return new RelayRequestError(response.status, code, message, readRefusalDetails(details));
    }
  } catch {
    // Not the relay's JSON (a proxy's error page): fall through to a generic message.
  }
  return new RelayRequestError(response.status, `http_${response.status}`, `The relay answered ${response.status}. Try again in a moment.`);
}
