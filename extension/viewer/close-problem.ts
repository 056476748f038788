// Maps the relay's refusal of a socket (its close code and reason, sync-server/close-codes.ts
// and the SocketRefusal reasons of sync-server/access/socket-authorizer.ts) to what the page
// tells the visitor. Only 44xx closes are final; 45xx (relay busy) and anything else is retried.
import { CloseCode } from '../../sync-server/close-codes.ts';
import type { LinkProblem } from './viewer-link.ts';

const REVOKED_PREFIX = 'revoked token' as const;
const EXPIRED_REASON = 'expired token' as const;

export function isFinalClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}

export function problemForClose(code: number, reason: string): LinkProblem {
  if (code === CloseCode.unauthenticated) {
    if (reason.startsWith(REVOKED_PREFIX) || reason === 'access revoked') return 'revoked';
    if (reason === EXPIRED_REASON) return 'expired';
    return 'invalid';
  }
  if (code === CloseCode.forbidden) return 'forbidden';
  return 'invalid';
}
