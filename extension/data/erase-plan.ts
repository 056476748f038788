// What this device does when meetings leave its library for good: delete its own copy of each
// (the meeting's IndexedDB database) and, when it syncs to a relay, ask the relay to delete the
// meeting too. A removal seen as it happens is erased whatever this device holds; one found in
// the library afterwards (this device was closed when another device removed it) only where a
// local copy is left, so opening the library does not ask the relay again for every meeting ever
// deleted. Pure, so the rules are tested without a browser.
import { meetingDocName, type MeetingId } from '../../crdt/index.ts';
import { RelayRequestError } from '../../wire/relay-client.ts';

/** A relay deletion still to be made; kept across restarts until the relay has answered. */
export interface PendingErase {
  readonly meetingId: string;
  readonly relayUrl: string;
  readonly accountId: string;
}

/** Where and as whom this device syncs; null while sync is off or signed out. */
export type EraseTarget = { readonly relayUrl: string; readonly accountId: string } | null;

export interface EraseContext {
  /** Names of this profile's IndexedDB databases. */
  readonly localDatabases: ReadonlySet<string>;
  readonly sync: EraseTarget;
}

export interface ErasePlan {
  /** IndexedDB databases to delete. */
  readonly localDocs: readonly string[];
  readonly relay: readonly PendingErase[];
}

/** `seen`: 'live' for removals observed as they happened, 'found' for those read at load. */
export function planErase(ids: readonly MeetingId[], seen: 'live' | 'found', ctx: EraseContext): ErasePlan {
  const chosen = seen === 'live' ? ids : ids.filter((id) => ctx.localDatabases.has(meetingDocName(id)));
  const sync = ctx.sync;
  const names = chosen.map((id) => meetingDocName(id));
  return {
    localDocs: seen === 'found' ? names : names.filter((name) => ctx.localDatabases.has(name)),
    relay: sync === null ? [] : chosen.map((meetingId) => ({ meetingId, relayUrl: sync.relayUrl, accountId: sync.accountId })),
  };
}

/** What makes a pending deletion one: its meeting, relay and account. */
export const pendingKey = (p: PendingErase): string => `${p.relayUrl}\n${p.accountId}\n${p.meetingId}`;

/** Only the account that asked for a deletion may make it, and only on the relay it was asked of. */
export function sendableNow(pending: readonly PendingErase[], target: EraseTarget): PendingErase[] {
  if (target === null) return [];
  return pending.filter((p) => p.relayUrl === target.relayUrl && p.accountId === target.accountId);
}

/**
 * Whether a change of the stored list recorded a deletion it did not hold before. The sender runs
 * for those only: its own removal of finished deletions must not send at once again the ones that
 * just failed.
 */
export function addsPending(before: readonly PendingErase[] | undefined, after: readonly PendingErase[] | undefined): boolean {
  const held = new Set((before ?? []).map(pendingKey));
  return (after ?? []).some((p) => !held.has(pendingKey(p)));
}

export function mergePending(pending: readonly PendingErase[], added: readonly PendingErase[]): PendingErase[] {
  const merged = new Map(pending.map((p) => [pendingKey(p), p]));
  for (const p of added) merged.set(pendingKey(p), p);
  return [...merged.values()];
}

// The relay's answers that finish a deletion for good (see eraseOutcome).
const FINAL_STATUSES: readonly number[] = [400, 403, 404, 410];

/**
 * After a relay call, given what it threw (null when it succeeded): 'done' when the relay deleted
 * it or never will (404: it never reached the relay; 403: another account owns it; 410: already
 * deleted; 400: not a meeting id), 'retry' when it could not answer (unreachable, or no answer in
 * time: status 0; 5xx, 429) or the session ended (401: kept for the next sign-in). A deletion
 * that timed out may have been made all the same; sent again, the relay answers 410 and it is done.
 * Only the relay's own answer (its JSON error) is final: a proxy's 404 or 403 page (code
 * `http_<status>`) says nothing of the meeting, so the deletion is tried again.
 */
export function eraseOutcome(failure: unknown): 'done' | 'retry' {
  if (failure === null) return 'done';
  if (!(failure instanceof RelayRequestError) || failure.code.startsWith('http_')) return 'retry';
  return FINAL_STATUSES.includes(failure.status) ? 'done' : 'retry';
}
