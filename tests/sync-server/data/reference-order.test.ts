// The copy order of migrate-to-postgres on a real SQLite file: every table comes after the tables
// it references, whatever the names say (here the alphabet would put each child first), a table
// referencing itself needs nothing before it, and tables that reference each other in a cycle
// are refused with ReferenceCycleError rather than copied in an order that must fail.
import { rmSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inReferenceOrder, ReferenceCycleError } from '../../../sync-server/data/reference-order.ts';
import { databasePath, openDatabase } from '../../../sync-server/relay/storage/sqlite-database.ts';
import { makeTempDir } from '../helpers/relay-harness.ts';

function withDatabase(schema: string, check: (db: ReturnType<typeof openDatabase>) => void): void {
  const dir = makeTempDir();
  const db = openDatabase(databasePath(dir));
  try {
    db.exec(schema);
    check(db);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('each table follows the tables it references, and only tables asked for are ordered', () => {
  withDatabase(
    `CREATE TABLE c_root (id INTEGER PRIMARY KEY);
     CREATE TABLE b_middle (id INTEGER PRIMARY KEY, root INTEGER REFERENCES c_root (id));
     CREATE TABLE a_leaf (id INTEGER PRIMARY KEY, middle INTEGER REFERENCES b_middle (id), parent INTEGER REFERENCES a_leaf (id));
     CREATE TABLE lone (id INTEGER PRIMARY KEY);`,
    (db) => {
      assert.equal(inReferenceOrder(db, ['a_leaf', 'b_middle', 'c_root', 'lone']), ['c_root', 'b_middle', 'a_leaf', 'lone']);
      assert.equal(inReferenceOrder(db, ['a_leaf', 'lone']), ['a_leaf', 'lone'], 'a reference to a table not copied orders nothing');
    },
  );
});

test('tables that reference each other are refused by name', () => {
  withDatabase(
    `CREATE TABLE one (id INTEGER PRIMARY KEY, other INTEGER REFERENCES two (id));
     CREATE TABLE two (id INTEGER PRIMARY KEY, other INTEGER REFERENCES one (id));`,
    (db) => {
      assert.throws(() => inReferenceOrder(db, ['one', 'two']), (error: unknown) => error instanceof ReferenceCycleError && /cycle through one/.test(error.message));
    },
  );
});

test.run();
