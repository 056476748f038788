// The relay's PostgreSQL pools read int8 (BIGINT) columns as numbers, on a real server: times,
// counts and ids come back as JavaScript numbers, exactly up to 2^53 - 1 either way; a value
// past that fails its query with UnsafeIntegerError rather than reading back altered, and the
// pool goes on serving.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type pg from 'pg';
import { createPostgresPool, UnsafeIntegerError } from '../../../sync-server/postgres/postgres-pool.ts';
import type { PostgresCluster } from '../../helpers/postgres-cluster.ts';
import { sharedPostgres } from '../../helpers/shared-postgres.ts';

const test = suite<{ cluster: PostgresCluster; pool: pg.Pool }>('PostgreSQL pool', {} as never);

test.before(async (context) => {
  context.cluster = await sharedPostgres();
  context.pool = createPostgresPool({ connectionString: await context.cluster.createDatabase('pool'), max: 2 });
});

test.after(async ({ cluster, pool }) => {
  await pool?.end();
  await cluster?.stop();
});

test('int8 columns, counts and sums read back as exact numbers', async ({ pool }) => {
  const { rows } = await pool.query(
    'SELECT 1733540000000::int8 AS at, count(*) AS n, $1::int8 AS top, $2::int8 AS bottom, NULL::int8 AS none FROM generate_series(1, 3)',
    [String(Number.MAX_SAFE_INTEGER), String(Number.MIN_SAFE_INTEGER)],
  );
  assert.equal(rows[0], { at: 1733540000000, n: 3, top: Number.MAX_SAFE_INTEGER, bottom: Number.MIN_SAFE_INTEGER, none: null });
});

test('an int8 past 2^53 - 1 fails its query with a named error, and the pool serves on', async ({ pool }) => {
  for (const value of ['9007199254740993', '-9007199254740993']) {
    const error = await pool.query('SELECT $1::int8 AS n', [value]).then(() => null, (e: unknown) => e);
    assert.instance(error, UnsafeIntegerError, value);
    assert.match((error as Error).message, value);
  }
  assert.equal((await pool.query('SELECT 42::int8 AS n')).rows, [{ n: 42 }]);
});

test('other types keep their usual parsers', async ({ pool }) => {
  const { rows } = await pool.query("SELECT 7::int4 AS small, 'x'::text AS t, '\\x0102'::bytea AS b, true AS yes");
  assert.is(rows[0].small, 7);
  assert.is(rows[0].t, 'x');
  assert.ok(Buffer.from([1, 2]).equals(rows[0].b));
  assert.is(rows[0].yes, true);
});

test.run();
