// A real, minimal AccessGate for transport tests (not a mock: it decides by the token it is
// given, as the production gate does). Tokens read `<role>~<doc>~<nonce>`; `revoke(token)`
// fires the revocation key `token:<token>`. The nonce lets tests check logs never show tokens.
// `holdDecisions()` makes it answer as a gate on a remote database may: the decision is made at
// once, but handed over only at `releaseDecisions()`, so a test can revoke in between.
import { randomBytes } from 'node:crypto';
import type { AccessGate, Role, SocketDecision } from '../../../sync-server/relay/access-gate.ts';
import { CloseCode } from '../../../wire/close-codes.ts';

const ROLES: readonly Role[] = ['owner', 'edit', 'view'];

export class TokenRoleGate implements AccessGate {
  readonly #listeners = new Set<(key: string) => void>();
  #held: (() => void)[] | null = null;

  static token(role: Role, doc: string): string {
    return `${role}~${doc}~${randomBytes(12).toString('hex')}`;
  }

  authorizeSocket(doc: string, token: string | null): SocketDecision | Promise<SocketDecision> {
    const decision = this.#decide(doc, token);
    const held = this.#held;
    return held === null ? decision : new Promise((resolve) => held.push(() => resolve(decision)));
  }

  holdDecisions(): void {
    this.#held = [];
  }

  get heldDecisions(): number {
    return this.#held?.length ?? 0;
  }

  releaseDecisions(): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const release of held) release();
  }

  #decide(doc: string, token: string | null): SocketDecision {
    const [role, tokenDoc, nonce] = (token ?? '').split('~');
    if (!ROLES.includes(role as Role) || !tokenDoc || !nonce) {
      return { ok: false, code: CloseCode.unauthenticated, reason: 'unknown token' };
    }
    if (tokenDoc !== doc) return { ok: false, code: CloseCode.forbidden, reason: 'token is for another document' };
    return { ok: true, grant: { doc, role: role as Role, revocationKeys: [`token:${token}`] } };
  }

  async handleHttp(): Promise<boolean> {
    return false;
  }

  onRevoked(listener: (key: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  revoke(token: string): void {
    for (const listener of this.#listeners) listener(`token:${token}`);
  }

  close(): void {
    this.#listeners.clear();
  }
}
