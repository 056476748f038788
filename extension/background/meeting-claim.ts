// After a sign-in, every meeting the account's library lists is opened once with sync on, so its
// first token request makes the account its owner and its local content reaches the relay; the
// meetings in its trash too, so one restored later is the account's like the rest.
// One meeting at a time, each bounded, so a large library cannot flood the relay. Which account
// was claimed for is stored, not held in the worker's memory: the settings change of a sign-in
// usually wakes a stopped service worker, which then reads the new account as its first, and a
// claim cut short by the worker stopping is done again at its next start.
import { libraryDocName, libraryView, meetingDocName, type SpaceId } from '../../crdt/index.ts';
import { openDoc, type DocHandle } from '../data/doc-connection.ts';
import type { SyncStatus } from '../data/sync-status.ts';
import { readKey, writeKey } from '../platform/storage-area.ts';
import { getSettings } from '../platform/settings.ts';

const CLAIMED_KEY = 'meetingsClaimedFor' as const;

const PER_MEETING_LIMIT_MS = 15_000;

/** Also done when the relay refused the document for good: waiting would not change that. */
const SETTLED: ReadonlySet<SyncStatus> = new Set(['synced', 'full', 'refused']);

function whenSettled(handle: DocHandle): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, PER_MEETING_LIMIT_MS);
    const stop = handle.onStatus((status) => SETTLED.has(status) && done());
    if (SETTLED.has(handle.status())) done();
    function done(): void {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}

interface Claim {
  readonly accountId: string;
  done: Promise<void>;
}

/** The claim under way, and for which account: one at a time, each for its own account. */
let running: Claim | null = null;
/** The account this worker last acted on; settings change for many reasons (a volume, a
 *  warning time), and only a change of account needs the stored mark read. */
let handled: string | null | undefined;

export function claimMeetings(accountId: string): Promise<void> {
  if (running?.accountId === accountId) return running.done;
  const before = running?.done ?? Promise.resolve();
  const claim: Claim = { accountId, done: before };
  claim.done = (async () => {
    await before.catch(() => undefined);
    const library = openDoc(libraryDocName(accountId as SpaceId));
    try {
      await library.whenLoaded;
      await whenSettled(library);
      const view = libraryView(library.doc);
      const ids = [...view.meetings.map((m) => m.id), ...view.trash.flatMap((e) => (e.kind === 'meeting' ? [e.id] : []))];
      for (const id of ids) {
        // Signed out or switched meanwhile: nothing more syncs for this account from here.
        if ((await getSettings()).account?.accountId !== accountId) break;
        const handle = openDoc(meetingDocName(id));
        await handle.whenLoaded;
        await whenSettled(handle);
        handle.release();
      }
    } finally {
      library.release();
      if (running === claim) running = null;
    }
  })();
  running = claim;
  return claim.done;
}

/**
 * Claims the meetings of the signed-in account unless that was done for it already; signed out,
 * forgets the mark, so the next sign-in claims again (meetings made meanwhile included).
 */
export async function claimMeetingsOnce(accountId: string | null): Promise<void> {
  if (accountId === handled) return;
  handled = accountId;
  if (accountId === null) {
    await writeKey(CLAIMED_KEY, undefined);
    return;
  }
  if ((await readKey<string>(CLAIMED_KEY)) === accountId) return;
  await claimMeetings(accountId);
  // Signed out or switched meanwhile: the mark would claim for an account no longer here.
  if ((await getSettings()).account?.accountId === accountId) await writeKey(CLAIMED_KEY, accountId);
}
