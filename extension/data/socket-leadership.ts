// Which context of the profile holds a document's socket to the relay: the first to ask, through
// a Web Lock named for the document. When it lets the document go, or its context ends (a closed
// side panel, a stopped service worker), the browser grants the lock to the next context waiting,
// which then connects. The others follow over the BroadcastChannel link, so a remote update
// arrives in the browser once. Without Web Locks (outside browsers) every context leads.
const LOCK_PREFIX = 'ltm-socket:' as const;

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
  // Rejects with AbortError when released before it was granted: nothing to do then.
  locks.request(LOCK_PREFIX + name, { signal: waiting.signal }, () => {
    onLead();
    return held;
  }).catch(() => undefined);
  return {
    release() {
      waiting.abort();
      letGo();
    },
  };
}
