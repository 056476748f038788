// Checks on values written by operations, so this client never writes what its readers reject.
import { InvalidInputError } from './errors.ts';
import { LIMITS } from './schema.ts';
import { isId } from './ids.ts';

export function checkSeconds(sec: number, what: string, max: number = LIMITS.maxPlannedSec): number {
  if (!Number.isInteger(sec) || sec < 0 || sec > max) throw new InvalidInputError(`${what}: whole seconds 0..${max}`);
  return sec;
}

export function checkTime(ms: number, what: string): number {
  if (!Number.isFinite(ms)) throw new InvalidInputError(`${what}: a finite time in ms`);
  return ms;
}

export function checkNullableTime(ms: number | null, what: string): number | null {
  return ms === null ? null : checkTime(ms, what);
}

export function checkTitle(title: string): string {
  return title.length > LIMITS.maxTitleLength ? title.slice(0, LIMITS.maxTitleLength) : title;
}

export function checkNullableId<T extends string>(id: T | null, what: string): T | null {
  if (id !== null && !isId(id)) throw new InvalidInputError(`${what}: not an id`);
  return id;
}
