// Device tokens, after OWASP's "Slow Down Online Guessing Attacks with Device Cookies": a device
// that signed in to an account once gets a token bound to that account, and later sign-ins that
// present it are throttled per device instead of in the account's shared bucket. So strangers'
// wrong guesses use up only the bucket of untrusted devices, and the owner's devices still get
// in. A stolen token buys nothing but its own, equally small, bucket.
// Form: `<nonce>.<HMAC(account . nonce)>`, stateless, signed with a key derived from the server
// secret; the account is not readable from the token.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AccountId } from './access-ids.ts';

const KEY_LABEL = 'leavethemeeting device token v1';
const NONCE_BYTES = 16;
const MAC_BYTES = 32;
const TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export interface DeviceTokens {
  /** A new token for a device that just proved it knows the account's password. */
  issue(account: AccountId): string;
  /** The device's id (the nonce) when token is one this relay issued for account, else null. */
  deviceOf(token: unknown, account: AccountId): string | null;
}

export function createDeviceTokens(serverSecret: Buffer): DeviceTokens {
  const key = createHmac('sha256', serverSecret).update(KEY_LABEL).digest();
  const mac = (account: AccountId, nonce: string): Buffer => createHmac('sha256', key).update(`${account}.${nonce}`).digest();

  return {
    issue(account) {
      const nonce = randomBytes(NONCE_BYTES).toString('base64url');
      return `${nonce}.${mac(account, nonce).toString('base64url')}`;
    },
    deviceOf(token, account) {
      if (typeof token !== 'string') return null;
      const match = TOKEN.exec(token);
      if (match === null) return null;
      const [, nonce = '', signature = ''] = match;
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== MAC_BYTES || !timingSafeEqual(given, mac(account, nonce))) return null;
      return nonce;
    },
  };
}
