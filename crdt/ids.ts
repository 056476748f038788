// Ids are random 128-bit values in base64url, drawn from a caller-supplied source so the model
// stays pure; every id matches the relay's doc-name pattern, so a meeting id is a valid room key.
export type Brand<T, B extends string> = T & { readonly __brand: B };

export type SpaceId = Brand<string, 'SpaceId'>;
export type MeetingId = Brand<string, 'MeetingId'>;
export type ItemId = Brand<string, 'ItemId'>;
export type ActionId = Brand<string, 'ActionId'>;
export type DecisionId = Brand<string, 'DecisionId'>;
export type TemplateId = Brand<string, 'TemplateId'>;
/** Who pressed a clock button: a device or person id, recorded in the clock log. */
export type ActorId = Brand<string, 'ActorId'>;

export type AnyId = SpaceId | MeetingId | ItemId | ActionId | DecisionId | TemplateId | ActorId;

export type RandomBytes = (length: number) => Uint8Array;

import { ID_PATTERN } from '../wire/doc-name.ts';

export { ID_PATTERN };
export const ID_BYTES = 16 as const;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export class BadRandomSourceError extends Error {
  override name = 'BadRandomSourceError';
}

// The return type is inferred from the destination: `const id: MeetingId = newId(random)`.
export function newId<T extends AnyId = AnyId>(randomBytes: RandomBytes): T {
  const bytes = randomBytes(ID_BYTES);
  if (bytes.length < ID_BYTES) throw new BadRandomSourceError(`expected ${ID_BYTES} random bytes`);
  let out = '';
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < ID_BYTES; i++) {
    acc = (acc << 8) | (bytes[i] ?? 0);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += BASE64URL[(acc >> bits) & 63];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE64URL[(acc << (6 - bits)) & 63];
  return out as T;
}

export function isId(value: unknown): value is AnyId {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

// For ids arriving from outside (URLs, storage): null when the text is not a well-formed id.
export function parseId<T extends AnyId>(value: unknown): T | null {
  return isId(value) ? (value as T) : null;
}
