// Branded ids of access control. All are 128 random bits in base64url (22 characters), which
// also satisfies the document-id pattern, so an account id can name `library/<accountId>`.
import { randomBytes } from 'node:crypto';

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type AccountId = Brand<string, 'AccountId'>;
export type SessionId = Brand<string, 'SessionId'>;
export type ShareId = Brand<string, 'ShareId'>;

const ID_BYTES = 16;

export function randomId<T extends AccountId | SessionId | ShareId>(): T {
  return randomBytes(ID_BYTES).toString('base64url') as T;
}

export const RevocationKey = {
  account: (id: AccountId) => `account:${id}`,
  session: (id: SessionId) => `session:${id}`,
  share: (id: ShareId) => `share:${id}`,
  /** Held by every socket of the meeting, whatever its token; fired when the meeting is deleted. */
  meeting: (meetingId: string) => `meeting:${meetingId}`,
} as const;
