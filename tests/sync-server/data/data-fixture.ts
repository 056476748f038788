// Copies a committed data-directory fixture into a temp dir with the modes the relay requires
// (git keeps none: 0700 for the directory, 0600 for its files), so a test never writes to the
// committed copy.
import { chmodSync, cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../helpers/relay-harness.ts';

export const V010_FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'relay-v0.1.0');

export interface V010Facts {
  readonly alice: { email: string; password: string; name: string; accountId: string; sessions: string[]; signedOutSession: string };
  readonly bob: { email: string; password: string; name: string; accountId: string; sessions: string[] };
  readonly aliceMeeting: { id: string; title: string; items: string[]; notes: string };
  readonly aliceLibrary: { doc: string; meetings: string[] };
  readonly bobMeeting: { id: string; title: string };
  readonly liveShare: { shareId: string; token: string; role: string };
  readonly revokedShare: { shareId: string; token: string; role: string };
  readonly signups: string[];
  readonly usageCounts: { event: string; version: string; count: number }[];
}

export function v010Facts(): V010Facts {
  return JSON.parse(readFileSync(join(V010_FIXTURE, 'facts.json'), 'utf8')) as V010Facts;
}

/** A fresh copy of the fixture's data directory; returns its path (inside a temp dir). */
export function copyFixtureData(fixture: string = V010_FIXTURE): string {
  const dataDir = join(makeTempDir(), 'data');
  cpSync(join(fixture, 'data'), dataDir, { recursive: true });
  chmodSync(dataDir, 0o700);
  for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o600);
  return dataDir;
}
