// Maps the relay's refusal of a socket (its close code and reason, sync-server/close-codes.ts
// and the SocketRefusal reasons of sync-server/access/access-gate.ts) to what the page
// tells the visitor. Only 44xx closes are final; 45xx (relay busy) and anything else is retried.
import { REVOKED_TOKEN_PREFIX, SocketRefusal } from '../../sync-server/access/access-gate.ts';
import { CloseCode } from '../../sync-server/close-codes.ts';
import type { LinkProblem } from './viewer-link.ts';

export function isFinalClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}

export function problemForClose(code: number, reason: string): LinkProblem {
  if (code === CloseCode.unauthenticated) {
    if (reason.startsWith(REVOKED_TOKEN_PREFIX) || reason === SocketRefusal.accessRevoked) return 'revoked';
    if (reason === SocketRefusal.expiredToken) return 'expired';
    return 'invalid';
  }
  if (code === CloseCode.forbidden) return 'forbidden';
  return 'invalid';
}
