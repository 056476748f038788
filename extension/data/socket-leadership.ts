// Which context of the profile holds a document's socket to the relay: the first to ask, through
// a Web Lock named for the document. When it lets the document go, or its context ends (a closed
// side panel, a stopped service worker), the browser grants the lock to the next context waiting,
// which then connects. The others follow over the BroadcastChannel link, so a remote update
// arrives in the browser once. Without Web Locks (outside browsers) every context leads.
// As every context that has a document loaded asks for its lock once it has read the settings,
// the lock's queue also says how many contexts have it open (a context letting it go may be
// listed a moment longer).
const LOCK_PREFIX = 'ltm-socket:' as const;
/** This context's requests for a document's lock that were let go and are not yet settled. */
const releasing = new Map<string, Promise<unknown>>();

export interface Leadership {
  release(): void;
}

export function leadDocument(name: string, onLead: () => void): Leadership {
  const locks = globalThis.navigator?.locks;
  if (!locks) {
    onLead();
    return { release: () => undefined };
  }
  const waiting = new AbortController();
  let letGo: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (letGo = resolve));
  // Rejects with AbortError when released before it was granted: nothing to do then. Settles
  // once the browser has let the lock go.
  const settled = locks.request(LOCK_PREFIX + name, { signal: waiting.signal }, () => {
    onLead();
    return held;
  }).catch(() => undefined);
  return {
    release() {
      waiting.abort();
      letGo();
      const done = settled.then(() => {
        if (releasing.get(name) === done) releasing.delete(name);
      });
      releasing.set(name, done);
    },
  };
}

/** How many contexts of the profile hold or await the document's lock: those that have it
 *  loaded, this one excepted while it has not asked yet (a request of this context that was let
 *  go is waited out first). Zero without Web Locks, or in a page that is closing. */
export async function contextsHolding(name: string): Promise<number> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return 0;
  await releasing.get(name);
  const { held = [], pending = [] } = await locks.query().catch(() => ({ held: [], pending: [] }));
  return [...held, ...pending].filter((lock) => lock.name === LOCK_PREFIX + name).length;
}
