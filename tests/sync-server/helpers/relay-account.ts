// Real credentials for tests and benchmarks that run the relay as a process: one account made
// through POST /api/accounts, and owner tokens for its meetings through POST /api/tokens (the
// first request for a meeting makes the account its owner). Tokens are signed with the secret in
// the data directory, so they stay valid across restarts of the same data dir.
import { randomBytes } from 'node:crypto';

export class RelayApiError extends Error {
  override readonly name = 'RelayApiError';
}

export interface RelayAccount {
  readonly accountId: string;
  readonly session: string;
  tokenFor(doc: string): Promise<string>;
  /** A share-link token for one of the account's meetings (`meeting/<id>`). */
  shareToken(doc: string, role: 'view' | 'edit'): Promise<string>;
}

async function post(httpUrl: string, route: string, body: unknown, session?: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${httpUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new RelayApiError(`${route} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

export async function createAccount(httpUrl: string): Promise<RelayAccount> {
  const email = `load-${randomBytes(6).toString('hex')}@example.test`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const created = await post(httpUrl, '/api/accounts', { email, password, name: 'Relay proof' });
  const session = String(created.session);
  return {
    accountId: String(created.accountId),
    session,
    async tokenFor(doc) {
      const issued = await post(httpUrl, '/api/tokens', { doc }, session);
      return String(issued.token);
    },
    async shareToken(doc, role) {
      const share = await post(httpUrl, '/api/shares', { meetingId: doc.slice(doc.indexOf('/') + 1), role }, session);
      return String(share.token);
    },
  };
}
