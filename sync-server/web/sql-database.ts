// The narrow view of SQL that the web half (access control, website) needs: prepared statements,
// plain statements for schema, and transactions. The relay's SQLite database satisfies it
// structurally; only the composition root hands one to the other, so no web module depends on
// better-sqlite3 or on the relay's storage.
export interface SqlRunResult {
  readonly changes: number;
  readonly lastInsertRowid: number | bigint;
}

export interface SqlStatement<P extends unknown[] = unknown[], R = unknown> {
  run(...params: P): SqlRunResult;
  get(...params: P): R | undefined;
  all(...params: P): R[];
}

export interface SqlDatabase {
  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): SqlStatement<P, R>;
  exec(sql: string): unknown;
  transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T;
}
