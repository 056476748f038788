// Which failures of an /api request are the database's rather than the relay's: a full disk, an
// I/O error, a read-only or busy file, PostgreSQL unreachable, out of room or shutting down. They
// answer 503 `store_unavailable` (what /readyz says meanwhile), so a client knows to try again
// later and an operator reads a store problem, not a relay bug; anything else stays a 500.

const SQLITE = /^SQLITE_(FULL|IOERR|READONLY|BUSY|LOCKED|CANTOPEN|PROTOCOL)/;
/** SQLSTATE classes: 08 connection exception, 53 insufficient resources (disk full, too many
 *  connections), 57 operator intervention (shutdown, cancelled). */
const POSTGRES_CLASSES = ['08', '53', '57'];
const SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
// node-postgres's own words for a pool that cannot reach the server (these carry no code).
const POOL = /^(Connection terminated|timeout exceeded when trying to connect)/;

export function isStoreUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (SQLITE.test(code) || SOCKET.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && POSTGRES_CLASSES.includes(code.slice(0, 2))) return true;
  }
  return error instanceof Error && POOL.test(error.message);
}
