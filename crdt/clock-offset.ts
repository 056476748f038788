// NTP-style estimate of this device's offset to the relay's clock from one round trip: the
// server's reading is assumed to fall midway between send (t0) and receive (t1). Of several
// samples, the one with the shortest round trip has the least uncertainty.
export interface OffsetSample {
  readonly t0: number;
  readonly serverNow: number;
  readonly t1: number;
}

export interface OffsetEstimate {
  /** Add to the local clock to get the relay's time. */
  readonly offsetMs: number;
  readonly roundTripMs: number;
}

export function estimateClockOffset(s: OffsetSample): OffsetEstimate | null {
  if (![s.t0, s.serverNow, s.t1].every(Number.isFinite) || s.t1 < s.t0) return null;
  return { offsetMs: Math.round(s.serverNow - (s.t0 + s.t1) / 2), roundTripMs: s.t1 - s.t0 };
}

export function bestClockOffset(samples: readonly OffsetSample[]): OffsetEstimate | null {
  let best: OffsetEstimate | null = null;
  for (const sample of samples) {
    const e = estimateClockOffset(sample);
    if (e !== null && (best === null || e.roundTripMs < best.roundTripMs)) best = e;
  }
  return best;
}
