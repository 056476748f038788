// Seeded integers and choices over the shared mulberry32 byte source, so a failing crash or fuzz
// run replays exactly from its printed seed.
import { seededRandom } from '../../../bench/fixtures/seeded-random.ts';

export interface SeededInts {
  /** Uniform in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  bytes(n: number): Uint8Array;
  chance(p: number): boolean;
}

export function seededInts(seed: number): SeededInts {
  const random = seededRandom(seed);
  const int = (n: number): number => {
    const b = random(4);
    return ((b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0) % Math.max(1, n);
  };
  return {
    int,
    pick: (items) => items[int(items.length)]!,
    bytes: random,
    chance: (p) => int(1_000_000) < p * 1_000_000,
  };
}
