// Defensive field readers: a document may have been written by a newer or broken client, so a
// read never trusts a value's type. A missing field quietly takes its default; a present field of
// the wrong shape takes the default too and leaves a warning saying where.
import * as Y from 'yjs';
import { isId, type AnyId } from './ids.ts';
import type { ReadWarning } from './views.ts';

export type Fields = Y.Map<unknown>;

export class Reader {
  readonly warnings: ReadWarning[] = [];

  warn(where: string, problem: string): void {
    this.warnings.push({ where, problem });
  }

  private read<T>(map: Fields, key: string, where: string, fallback: T, ok: (v: unknown) => boolean, what: string): T {
    const value = map.get(key);
    if (value === undefined) return fallback;
    if (ok(value)) return value as T;
    this.warn(`${where}.${key}`, `expected ${what}`);
    return fallback;
  }

  string(map: Fields, key: string, where: string, fallback = ''): string {
    return this.read(map, key, where, fallback, (v) => typeof v === 'string', 'text');
  }

  number(map: Fields, key: string, where: string, fallback = 0): number {
    return this.read(map, key, where, fallback, isFiniteNumber, 'a number');
  }

  nonNegative(map: Fields, key: string, where: string, fallback = 0): number {
    return this.read(map, key, where, fallback, (v) => isFiniteNumber(v) && v >= 0, 'a non-negative number');
  }

  nullableNumber(map: Fields, key: string, where: string): number | null {
    return this.read<number | null>(map, key, where, null, (v) => v === null || isFiniteNumber(v), 'a number or null');
  }

  boolean(map: Fields, key: string, where: string, fallback = false): boolean {
    return this.read(map, key, where, fallback, (v) => typeof v === 'boolean', 'true or false');
  }

  nullableId<T extends AnyId>(map: Fields, key: string, where: string): T | null {
    return this.read<T | null>(map, key, where, null, (v) => v === null || isId(v), 'an id or null');
  }

  text(map: Fields, key: string, where: string): string {
    const value = map.get(key);
    if (value === undefined) return '';
    if (value instanceof Y.Text) return value.toString();
    this.warn(`${where}.${key}`, 'expected shared text');
    return '';
  }

  /** Reports the fields this version does not know (a newer client's), which it then ignores. */
  unknownKeys(keys: Iterable<string>, known: KnownKeys, where: string): void {
    for (const key of keys) if (!known.has(key)) this.warn(`${where}.${key}`, 'unknown field, ignored');
  }

  unknownRoots(doc: Y.Doc, known: KnownKeys): void {
    for (const name of doc.share.keys()) if (!known.has(name)) this.warn(name, 'unknown part of the document, ignored');
  }

  /** The entries of a Y.Array that are Y.Maps with a valid id; anything else is reported. */
  maps(array: Y.Array<unknown>, where: string, known: KnownKeys): { map: Fields; id: AnyId; at: string }[] {
    const out: { map: Fields; id: AnyId; at: string }[] = [];
    const seen = new Set<string>();
    array.forEach((value, index) => {
      const at = `${where}[${index}]`;
      if (!(value instanceof Y.Map)) return this.warn(at, 'expected a map');
      const id = value.get('id');
      if (!isId(id)) return this.warn(at, 'missing or bad id');
      if (seen.has(id)) return this.warn(at, 'duplicate id');
      seen.add(id);
      this.unknownKeys(value.keys(), known, at);
      out.push({ map: value as Fields, id, at });
    });
    return out;
  }
}

export type KnownKeys = ReadonlySet<string>;

export function knownKeys(schema: Readonly<Record<string, string>>): KnownKeys {
  return new Set(Object.values(schema));
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
