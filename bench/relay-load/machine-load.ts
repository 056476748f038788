// The machine's load around a measurement: these benchmarks share 2 cores with the relay, the
// generator and whatever else runs, so each latency figure is recorded with the load it met.
import { loadavg } from 'node:os';

export function loadAverage(): number {
  return loadavg()[0]!;
}

export function loadNote(before: number): string {
  return `Machine load average (1 min, 2 cores) at the start and end of the run: ${before.toFixed(1)} and ${loadAverage().toFixed(1)}; other sessions' tests (Chromium, builds) ran concurrently, and scheduling delay on an oversubscribed machine is part of every latency figure.`;
}
