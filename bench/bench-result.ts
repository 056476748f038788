// The shape every benchmark returns; bench/run.ts prints it and records it in RESULTS.md.
export interface BenchRow {
  readonly metric: string;
  readonly value: string;
  readonly target?: string;
  readonly ok?: boolean;
}

export interface BenchResult {
  readonly name: string;
  readonly title: string;
  readonly rows: readonly BenchRow[];
  readonly notes?: readonly string[];
}

export type BenchFn = () => Promise<BenchResult>;
