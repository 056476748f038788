// Calls to the relay's JSON API from the account page. The session travels as a bearer header,
// never a cookie. A 401 while signed in means the session ended elsewhere (signed out, password
// changed, account deleted): the page is told once and returns to sign-in.
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface AccountInfo {
  readonly accountId: string;
  readonly email: string;
  readonly name: string;
  readonly createdAt: number;
}

export interface SessionInfo {
  readonly sessionId: string;
  readonly createdAt: number;
  readonly lastUsedAt: number;
  readonly expiresAt: number;
  readonly current: boolean;
}

export interface MeetingInfo {
  readonly meetingId: string;
  readonly title: string | null;
}

export interface ShareInfo {
  readonly shareId: string;
  readonly meetingId: string;
  readonly role: 'view' | 'edit';
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly revokedAt: number | null;
  readonly active: boolean;
}

export interface Download {
  readonly blob: Blob;
  readonly fileName: string;
}

const UNREACHABLE = 'The relay could not be reached. Check the connection and try again.';
const FILE_NAME = /filename="([^"]+)"/;

export interface Api {
  json<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
  download(path: string): Promise<Download>;
}

export function createApi(session: () => string | null, onSessionEnded: () => void): Api {
  const send = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const headers: Record<string, string> = {};
    const bearer = session();
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? null : JSON.stringify(body), cache: 'no-store' });
    } catch {
      throw new ApiFailure(0, 'network', UNREACHABLE);
    }
    if (response.ok) return response;
    const failure = await readFailure(response);
    if (response.status === 401 && bearer !== null) onSessionEnded();
    throw failure;
  };

  return {
    async json<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
      const response = await send(method, path, body);
      return (response.status === 204 ? null : await response.json()) as T;
    },
    async download(path) {
      const response = await send('GET', path);
      const fileName = FILE_NAME.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'leavethemeeting-export.zip';
      return { blob: await response.blob(), fileName };
    },
  };
}

async function readFailure(response: Response): Promise<ApiFailure> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = body.error ?? {};
    if (typeof code === 'string' && typeof message === 'string') return new ApiFailure(response.status, code, message);
  } catch {
    // Not our JSON (a proxy's error page): fall through to a generic message.
  }
  return new ApiFailure(response.status, 'http', `The relay answered ${response.status}. Try again in a moment.`);
}

export function failureText(error: unknown): string {
  return error instanceof ApiFailure ? error.message : 'Something went wrong. Reload the page and try again.';
}
