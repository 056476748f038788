// Usage counts on PostgreSQL (the UsageCounts contract; same table as on SQLite).
// The increment is one upsert whose `count = count + 1` runs under the row's lock, so increments
// from several nodes at once all add up.
import type pg from 'pg';
import { lazySchema } from '../postgres-sql.ts';
import { utcDay, type CountRow, type UsageCounts } from './usage-counts.ts';
import { POSTGRES_WEBSITE_SCHEMA } from './website-schema.ts';

export function createPostgresUsageCounts(pool: pg.Pool, ready = lazySchema(pool, POSTGRES_WEBSITE_SCHEMA)): UsageCounts {
  return {
    async count(event, version, now) {
      await ready();
      await pool.query(
        `INSERT INTO usage_counts (day, event, version, count) VALUES ($1, $2, $3, 1)
         ON CONFLICT (day, event, version) DO UPDATE SET count = usage_counts.count + 1`,
        [utcDay(now), event, version],
      );
    },
    async since(day) {
      await ready();
      const { rows } = await pool.query<CountRow>('SELECT day, event, version, count FROM usage_counts WHERE day >= $1 ORDER BY day, event, version', [day]);
      return rows;
    },
  };
}
