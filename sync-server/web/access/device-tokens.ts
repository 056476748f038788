// Device tokens, after OWASP's "Slow Down Online Guessing Attacks with Device Cookies": a device
// that signed in to an account once gets a token bound to that account, and later sign-ins that
// present it are throttled per device instead of in the account's shared bucket. So strangers'
// wrong guesses use up only the bucket of untrusted devices, and the owner's devices still get
// in. A stolen token buys nothing but its own, equally small, bucket, and only until it expires:
// a token is trusted for a limited time after the sign-in that issued it (every password sign-in
// issues a fresh one, so a device in use never notices).
// Form: `<nonce>.<issued ms, base 36>.<HMAC(account . nonce . issued)>`, stateless, signed with a
// key derived from the server secret; the account is not readable from the token.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AccountId } from './access-ids.ts';

// v2 added the issue time; a v1 token no longer parses and counts as none.
const KEY_LABEL = 'leavethemeeting device token v2';
const NONCE_BYTES = 16;
const MAC_BYTES = 32;
const TOKEN = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

export interface DeviceTokens {
  /** A new token for a device that just proved it knows the account's password. */
  issue(account: AccountId, now: number): string;
  /** The device's id (the nonce) when token is one this relay issued for account less than
   *  ttlMs before now, else null. */
  deviceOf(token: unknown, account: AccountId, now: number): string | null;
}

export function createDeviceTokens(serverSecret: Buffer, ttlMs: number): DeviceTokens {
  const key = createHmac('sha256', serverSecret).update(KEY_LABEL).digest();
  const mac = (account: AccountId, nonce: string, issued: string): Buffer => createHmac('sha256', key).update(`${account}.${nonce}.${issued}`).digest();

  return {
    issue(account, now) {
      const nonce = randomBytes(NONCE_BYTES).toString('base64url');
      const issued = Math.floor(now).toString(36);
      return `${nonce}.${issued}.${mac(account, nonce, issued).toString('base64url')}`;
    },
    deviceOf(token, account, now) {
      if (typeof token !== 'string') return null;
      const match = TOKEN.exec(token);
      if (match === null) return null;
      const [, nonce = '', issued = '', signature = ''] = match;
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== MAC_BYTES || !timingSafeEqual(given, mac(account, nonce, issued))) return null;
      // Checked after the MAC, so only this relay's own issue times are read.
      if (now - parseInt(issued, 36) >= ttlMs) return null;
      return nonce;
    },
  };
}
