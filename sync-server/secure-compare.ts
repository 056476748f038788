// Comparing secrets without leaking, through timing, how much of a guess was right, or how long
// the secret is: both sides are hashed first, so the comparison always runs over 32 bytes.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}
