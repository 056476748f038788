// The operator's access to the usage chart. The token comes from the configuration or from a
// file in the data directory, created once (0600) when neither exists, so a fresh relay is never
// open and the operator can read its key with `cat data/stats-token`. A browser signs in once
// with the token and then holds a strict cookie carrying an HMAC of it (never the token itself);
// scripts and API clients may send the token as a Bearer header instead.
import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { closeSync, fchmodSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDirectory, refuseSharedFile } from '../../private-files.ts';
import { readCookie, strictCookie } from './cookies.ts';
import { secretsEqual } from '../../secure-compare.ts';

export const STATS_COOKIE = '__Host-ltm-stats' as const;
const TOKEN_BYTES = 32;
const OWNER_ONLY = 0o600;
const MIN_TOKEN_LENGTH = 16;

export class StatsTokenError extends Error {
  override readonly name = 'StatsTokenError';
}

export function loadOrCreateStatsToken(configured: string | null, dataDir: string, fileName: string): string {
  if (configured !== null) {
    if (configured.length < MIN_TOKEN_LENGTH) throw new StatsTokenError(`the stats token must have at least ${MIN_TOKEN_LENGTH} characters`);
    return configured;
  }
  const file = join(dataDir, fileName);
  ensurePrivateDirectory(dataDir);
  createOnce(file);
  refuseSharedFile(file);
  const token = readFileSync(file, 'utf8').trim();
  if (token.length < MIN_TOKEN_LENGTH) throw new StatsTokenError(`${file} holds too short a token`);
  return token;
}

export class StatsAccess {
  readonly #token: string;
  readonly #cookieValue: string;

  constructor(token: string) {
    this.#token = token;
    this.#cookieValue = createHmac('sha256', token).update('ltm-stats-cookie').digest('base64url');
  }

  /** Whether the request offers a token at all (a Bearer header or the stats cookie). */
  presentsToken(req: IncomingMessage): boolean {
    return req.headers.authorization !== undefined || readCookie(req, STATS_COOKIE) !== null;
  }

  allows(req: IncomingMessage): boolean {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && secretsEqual(auth.slice('Bearer '.length).trim(), this.#token)) return true;
    const cookie = readCookie(req, STATS_COOKIE);
    return cookie !== null && secretsEqual(cookie, this.#cookieValue);
  }

  /** The Set-Cookie for a correct token, or null. */
  signIn(token: string, ttlMs: number): string | null {
    return secretsEqual(token.trim(), this.#token) ? strictCookie(STATS_COOKIE, this.#cookieValue, Math.floor(ttlMs / 1000)) : null;
  }
}

function createOnce(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'wx', OWNER_ONLY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  try {
    fchmodSync(fd, OWNER_ONLY);
    writeSync(fd, `${randomBytes(TOKEN_BYTES).toString('base64url')}\n`);
  } finally {
    closeSync(fd);
  }
}
