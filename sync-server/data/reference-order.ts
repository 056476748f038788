// The order in which a copy must insert SQLite tables into a database that enforces foreign keys:
// every table after the tables it references (mail_outbox after signups), whatever their names.
// PostgreSQL checks a reference at each insert (the constraints are not deferrable), so a copy in
// name order fails on the first queued mail.
import type { SqliteDatabase } from '../relay/storage/sqlite-database.ts';

export class ReferenceCycleError extends Error {
  override readonly name = 'ReferenceCycleError';
}

export function inReferenceOrder(db: SqliteDatabase, tables: readonly string[]): string[] {
  const wanted = new Set(tables);
  const referenced = (table: string): string[] =>
    (db.prepare('SELECT DISTINCT "table" AS name FROM pragma_foreign_key_list(?)').all(table) as { name: string }[])
      .map((row) => row.name)
      .filter((name) => name !== table && wanted.has(name));
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (table: string): void => {
    if (placed.has(table)) return;
    if (visiting.has(table)) throw new ReferenceCycleError(`the tables reference each other in a cycle through ${table}; no insert order satisfies their foreign keys`);
    visiting.add(table);
    for (const parent of referenced(table)) place(parent);
    visiting.delete(table);
    placed.add(table);
    ordered.push(table);
  };
  for (const table of tables) place(table);
  return ordered;
}
