// Comparing secrets without leaking, through timing, how much of a guess was right.
import { timingSafeEqual } from 'node:crypto';

export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
