// Rounds parts so that they add up exactly to their rounded total (the largest remainder, or
// Hamilton, method): each part gets its floor, and the units left over go to the parts with the
// largest fractions. Rounding each part on its own can make a column disagree with its sum.
export function roundToTotal(parts: readonly number[]): number[] {
  const total = Math.round(parts.reduce((sum, p) => sum + p, 0));
  const floors = parts.map(Math.floor);
  let left = total - floors.reduce((sum, f) => sum + f, 0);
  // Ties go to the earlier part, so the result does not depend on sort stability.
  const byFraction = parts.map((p, i) => ({ i, fraction: p - Math.floor(p) })).sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of byFraction) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors;
}
