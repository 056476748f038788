// A real OpenID provider for tests: panva's oidc-provider on 127.0.0.1 port 0 with its dev
// login (any login name, any password). The login name is the subject and the email; a name
// starting with "unverified" gets email_verified: false. The server listens first, so the
// issuer URL is known before the relay starts; the client (and its redirect URIs, which name the
// relay's port) is registered afterwards with `register`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const TEST_CLIENT = { clientId: 'ltm-relay', clientSecret: 'test-client-secret-0123456789' } as const;

export interface TestProvider {
  readonly issuer: string;
  register(redirectUris: readonly string[]): void;
  close(): Promise<void>;
}

export function claimsFor(login: string): Record<string, unknown> {
  return {
    sub: login,
    email: login,
    email_verified: !login.startsWith('unverified'),
    name: `Person ${login.split('@')[0] ?? login}`,
  };
}

export async function startTestProvider(options: { issuerHost?: string } = {}): Promise<TestProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server: Server = createServer((req, res) => {
    if (handler === null) res.writeHead(503).end('provider not registered yet');
    else handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${options.issuerHost ?? '127.0.0.1'}:${port}`;

  return {
    issuer,
    register(redirectUris) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: TEST_CLIENT.clientId,
            client_secret: TEST_CLIENT.clientSecret,
            redirect_uris: [...redirectUris],
            response_types: ['code'],
            grant_types: ['authorization_code'],
            token_endpoint_auth_method: 'client_secret_post',
          },
        ],
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => claimsFor(id) }),
        features: { devInteractions: { enabled: true } },
        cookies: { keys: ['test-cookie-key'] },
        // Stated, so the provider does not print a notice per default lifetime.
        ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
      });
      handler = provider.callback();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
