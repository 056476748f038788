// Maps the relay's refusal of a socket (its close code and reason, wire/close-codes.ts
// and the SocketRefusal reasons of wire/socket-refusals.ts) to what the page
// tells the visitor. Only 44xx closes are final; 45xx (relay busy) and anything else is retried.
import { REVOKED_TOKEN_PREFIX, SocketRefusal } from '../../wire/socket-refusals.ts';
import { CloseCode } from '../../wire/close-codes.ts';
import type { LinkProblem } from './viewer-link.ts';

export function problemForClose(code: number, reason: string): LinkProblem {
  if (code === CloseCode.unauthenticated) {
    if (reason.startsWith(REVOKED_TOKEN_PREFIX) || reason === SocketRefusal.accessRevoked) return 'revoked';
    if (reason === SocketRefusal.expiredToken) return 'expired';
    return 'invalid';
  }
  if (code === CloseCode.forbidden) return 'forbidden';
  if (code === CloseCode.documentFull) return 'full';
  if (code === CloseCode.tooLarge || code === CloseCode.awarenessTooLarge) return 'tooLarge';
  return 'invalid';
}
