// Rounds parts to whole units so that they add up exactly to their rounded total (the largest
// remainder, or Hamilton, method): each part gets its floor, and the units left over go to the
// parts with the largest remainders. Rounding each part on its own can make a column disagree
// with its sum. Parts come in a finer integer scale (milliseconds for seconds) so that the total
// is rounded from an exact sum: a sum of fractional seconds can land just below a half and round
// one unit short of the meeting's own rounded length.
export function roundToTotal(parts: readonly number[], unit: number): number[] {
  const total = Math.round(parts.reduce((sum, p) => sum + p, 0) / unit);
  const floors = parts.map((p) => Math.floor(p / unit));
  let left = total - floors.reduce((sum, f) => sum + f, 0);
  // Ties go to the earlier part, so the result does not depend on sort stability.
  const byRemainder = parts.map((p, i) => ({ i, remainder: p - floors[i]! * unit })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors;
}
