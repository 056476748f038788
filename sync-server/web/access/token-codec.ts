// Document tokens: `base64url(JSON payload) + "." + base64url(HMAC-SHA256)`. The codec only
// proves that the relay signed a payload and that it has not expired; whether the share,
// session or account it names still exists is the socket authorizer's question.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../relay/access-gate.ts';
import type { AccountId, SessionId, ShareId } from './access-ids.ts';

const TOKEN_VERSION = 1;
const MAX_TOKEN_LENGTH = 2048;
const SIGNATURE_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
// The signing key is derived from the server secret so the secret can serve other purposes
// later without a token ever doubling as another kind of signature.
const KEY_LABEL = 'leavethemeeting document token v1';

export const ROLES: readonly Role[] = ['owner', 'edit', 'view'];

/** `exp` is in milliseconds since the epoch. A token names exactly one grant source. */
export type TokenPayload =
  | { readonly v: 1; readonly doc: string; readonly role: Role; readonly exp: number; readonly acc: AccountId; readonly sid: SessionId }
  | { readonly v: 1; readonly doc: string; readonly role: Role; readonly exp: number; readonly shr: ShareId };

export type TokenRefusal = 'malformed' | 'forged' | 'expired';

export type TokenCheck =
  | { readonly ok: true; readonly payload: TokenPayload }
  | { readonly ok: false; readonly refusal: TokenRefusal };

export interface TokenCodec {
  sign(payload: TokenPayload): string;
  verify(token: string, now: number): TokenCheck;
}

export function createTokenCodec(serverSecret: Buffer): TokenCodec {
  const key = createHmac('sha256', serverSecret).update(KEY_LABEL).digest();
  const mac = (text: string): Buffer => createHmac('sha256', key).update(text).digest();

  return {
    sign(payload) {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${body}.${mac(body).toString('base64url')}`;
    },
    verify(token, now) {
      if (token.length > MAX_TOKEN_LENGTH) return refuse('malformed');
      const dot = token.indexOf('.');
      if (dot < 0 || dot !== token.lastIndexOf('.')) return refuse('malformed');
      const body = token.slice(0, dot);
      const signature = token.slice(dot + 1);
      if (!BASE64URL.test(body) || !BASE64URL.test(signature)) return refuse('malformed');
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== SIGNATURE_BYTES) return refuse('malformed');
      if (!timingSafeEqual(given, mac(body))) return refuse('forged');
      const payload = parsePayload(Buffer.from(body, 'base64url').toString('utf8'));
      if (payload === null) return refuse('malformed');
      if (payload.exp <= now) return refuse('expired');
      return { ok: true, payload };
    },
  };
}

function refuse(refusal: TokenRefusal): TokenCheck {
  return { ok: false, refusal };
}

function parsePayload(json: string): TokenPayload | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const p = value as Record<string, unknown>;
  if (p.v !== TOKEN_VERSION || typeof p.doc !== 'string' || !Number.isFinite(p.exp)) return null;
  if (!ROLES.includes(p.role as Role)) return null;
  const base = { v: TOKEN_VERSION, doc: p.doc, role: p.role as Role, exp: p.exp as number } as const;
  if (typeof p.shr === 'string' && p.acc === undefined && p.sid === undefined) {
    return { ...base, shr: p.shr as ShareId };
  }
  if (typeof p.acc === 'string' && typeof p.sid === 'string' && p.shr === undefined) {
    return { ...base, acc: p.acc as AccountId, sid: p.sid as SessionId };
  }
  return null;
}
