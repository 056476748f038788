// Anonymous usage counts: one row per (UTC day, event, extension version) holding a number.
// Nothing else about a request is written: no address, account, device or content, so the
// table cannot be joined back to a person. This file holds the interface and the SQLite
// implementation; postgres-usage-counts.ts is the one for several relays on one database.
import type { SqlDatabase } from '../sql-database.ts';
import { USAGE_EVENTS, type UsageEvent } from '../../../wire/usage-events.ts';
import { ensureWebsiteSchema } from './website-schema.ts';

export { USAGE_EVENTS, type UsageEvent };

export const UNKNOWN_VERSION = 'unknown' as const;
const VERSION_PATTERN = /^\d{1,5}(?:\.\d{1,5}){0,3}$/;

export function isUsageEvent(value: unknown): value is UsageEvent {
  return typeof value === 'string' && (USAGE_EVENTS as readonly string[]).includes(value);
}

/** A Chrome extension version (1-4 dotted numbers) or null; anything else would be content. */
export function parseVersion(value: unknown): string | null {
  return typeof value === 'string' && VERSION_PATTERN.test(value) ? value : null;
}

export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

export interface CountRow {
  readonly day: string;
  readonly event: UsageEvent;
  readonly version: string;
  readonly count: number;
}

export interface UsageCounts {
  count(event: UsageEvent, version: string, now: number): Promise<void>;
  since(day: string): Promise<CountRow[]>;
}

export function createSqliteUsageCounts(db: SqlDatabase): UsageCounts {
  ensureWebsiteSchema(db);
  const increment = db.prepare<[string, string, string]>(
    `INSERT INTO usage_counts (day, event, version, count) VALUES (?, ?, ?, 1)
     ON CONFLICT (day, event, version) DO UPDATE SET count = count + 1`,
  );
  const since = db.prepare<[string], CountRow>('SELECT day, event, version, count FROM usage_counts WHERE day >= ? ORDER BY day, event, version');
  return {
    async count(event, version, now) {
      increment.run(utcDay(now), event, version);
    },
    async since(day) {
      return since.all(day);
    },
  };
}
