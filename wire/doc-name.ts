// Document names are the relay's room keys and the only user-controlled part of a sync URL, so
// they are validated once, here, before anything else sees them.
export type DocKind = 'library' | 'meeting';

export interface DocName {
  readonly kind: DocKind;
  readonly id: string;
  readonly name: string;
}

/** Ids are random, >= 128 bits, base64url or hex: 16 to 64 URL-safe characters. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function parseDocName(name: string): DocName | null {
  const slash = name.indexOf('/');
  if (slash < 0) return null;
  const kind = name.slice(0, slash);
  const id = name.slice(slash + 1);
  if (kind !== 'library' && kind !== 'meeting') return null;
  if (!ID_PATTERN.test(id)) return null;
  return { kind, id, name };
}
