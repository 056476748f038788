// The account page's calls to the relay's JSON API, over the one relay client in wire/ on this
// page's origin. A 401 while signed in means the session ended elsewhere (signed out, password
// changed, account deleted): the page is told once and returns to sign-in.
import { relayClient, type HttpMethod } from '../../../../wire/relay-client.ts';
import { words } from './page-words.ts';
import { refusalText } from './refusal-text.ts';

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

export interface IdentityInfo {
  readonly identityId: string;
  /** The configured provider's name; null when the provider is no longer configured. */
  readonly provider: string | null;
  readonly label: string;
  readonly email: string | null;
  readonly linkedAt: number;
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
  /** The owner's name for the link, to tell links to one meeting apart. */
  readonly label: string | null;
}

export interface Download {
  readonly blob: Blob;
  readonly fileName: string;
}

const FILE_NAME = /filename="([^"]+)"/;

export interface Api {
  json<T>(method: HttpMethod, path: string, body?: unknown): Promise<T>;
  download(path: string): Promise<Download>;
}

export function createApi(session: () => string | null, onSessionEnded: () => void): Api {
  const client = relayClient({ baseUrl: '', session, onSessionEnded });
  return {
    json: (method, path, body) => client.json(method, path, body),
    async download(path) {
      const response = await client.send('GET', path);
      const fileName = FILE_NAME.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'leavethemeeting-export.zip';
      return { blob: await response.blob(), fileName };
    },
  };
}

export function failureText(error: unknown): string {
  return refusalText(error, words);
}
