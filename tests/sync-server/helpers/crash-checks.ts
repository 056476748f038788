// What the crash scenarios (one relay on SQLite, several on PostgreSQL) do and check: random
// edits of one meeting, whether updates a client received are contained in the stored document,
// and whether replicas have converged (with a description of each when they have not). A
// CrashLedger runs the two steps both scenarios take, a kill and the final stop, each followed by
// the check, and keeps their tally.
import * as Y from 'yjs';
import { hasPending } from '../../../sync-server/relay/rooms/apply-update.ts';
import type { Exit } from './relay-process.ts';
import { waitFor } from './relay-harness.ts';
import type { SeededInts } from './seeded-ints.ts';

const TEXT_SOFT_LIMIT = 2_000;
const ARRAY_SOFT_LIMIT = 200;

function edit(doc: Y.Doc, rng: SeededInts, who: number): void {
  const text = doc.getText('notes');
  const list = doc.getArray<number>('list');
  switch (rng.int(4)) {
    case 0:
    case 1:
      if (text.length > TEXT_SOFT_LIMIT || (text.length > 0 && rng.chance(0.3))) {
        text.delete(rng.int(text.length), 1 + rng.int(Math.min(5, text.length)));
      } else {
        text.insert(rng.int(text.length + 1), `${who}${'abcdef'.slice(rng.int(6))}`);
      }
      break;
    case 2:
      doc.getMap<number>('fields').set(`k${rng.int(20)}`, rng.int(1_000_000));
      break;
    default:
      if (list.length > ARRAY_SOFT_LIMIT) list.delete(0, 10);
      else list.push([who * 1_000_000 + rng.int(1_000_000)]);
  }
}

/** How many of `updates` are not fully contained in `store` (mutates store only if some are not). */
function countMissing(store: Y.Doc, updates: readonly Uint8Array[]): number {
  let changed = false;
  const onUpdate = () => {
    changed = true;
  };
  store.on('update', onUpdate);
  let missing = 0;
  for (const update of updates) {
    changed = false;
    Y.applyUpdate(store, update);
    if (changed || hasPending(store)) missing++;
  }
  store.off('update', onUpdate);
  return missing;
}

function countCodes(codes: readonly number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

function sameState(a: Y.Doc, b: Y.Doc): boolean {
  const json = (d: Y.Doc) =>
    // Map keys sorted: a Y.Map's iteration order follows local integration order, not content.
    JSON.stringify([d.getText('notes').toString(), [...d.getMap('fields').entries()].sort(), d.getArray('list').toJSON()]);
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) && json(a) === json(b);
}

function describe(doc: Y.Doc, label: string): string {
  const sv = [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]);
  const pending = hasPending(doc) ? ' pending' : '';
  return `${label}: text ${doc.getText('notes').length}, list ${doc.getArray('list').length}, sv ${JSON.stringify(sv)}${pending}`;
}

export interface LostUpdate {
  readonly iteration: number;
  readonly client: number;
}

/** The stored document as it is now (SQLite rows read in place, or a PostgreSQL load). */
export type StoredDoc = () => Y.Doc | Promise<Y.Doc>;

interface Replica {
  readonly doc: Y.Doc;
  readonly received: Uint8Array[];
  readonly provider: { readonly synced: boolean };
  /** Open sockets, or only those whose URL starts with `prefix`. */
  openSockets(prefix?: string): number;
  readonly closeCodes: readonly number[];
}

/**
 * Takes every update the clients received so far and records, in `lost`, each one the store
 * does not contain. Received first, stored second: whatever a relay sent before the splice it
 * had committed before. Answers how many updates were checked.
 */
async function checkReceived(clients: readonly Replica[], stored: StoredDoc, iteration: number, lost: LostUpdate[]): Promise<number> {
  const received = clients.map((client) => client.received.splice(0));
  const store = await stored();
  received.forEach((updates, client) => {
    for (let i = countMissing(store, updates); i > 0; i--) lost.push({ iteration, client });
  });
  store.destroy();
  return received.reduce((sum, updates) => sum + updates.length, 0);
}

/** Random edits by a random client every `everyMs`, until stop(). */
export function startEditing(clients: readonly Replica[], rng: SeededInts, everyMs: number): { readonly count: () => number; stop(): void } {
  let count = 0;
  const timer = setInterval(() => {
    const index = rng.int(clients.length);
    const doc = clients[index]!.doc;
    doc.transact(() => edit(doc, rng, index));
    count++;
  }, everyMs);
  return { count: () => count, stop: () => clearInterval(timer) };
}

/** Waits (bounded) until every client is synced and holds exactly the stored state. */
async function awaitConvergence(clients: readonly Replica[], stored: StoredDoc, limitMs: number): Promise<{ converged: boolean; divergence: string[] }> {
  try {
    await waitFor(
      async () => {
        if (!clients.every((c) => c.provider.synced)) return false;
        const store = await stored();
        const same = clients.every((c) => sameState(c.doc, store));
        store.destroy();
        return same;
      },
      'clients and store to converge',
      limitMs,
    );
    return { converged: true, divergence: [] };
  } catch {
    const store = await stored();
    const divergence = [store, ...clients.map((c) => c.doc)].map((d, i) => describe(d, i === 0 ? 'store' : `client ${i - 1} synced=${clients[i - 1]!.provider.synced}`));
    store.destroy();
    return { converged: false, divergence };
  }
}

const SOCKETS_CLOSED_LIMIT_MS = 10_000;

/** What a scenario reports besides its own figures. */
export interface CrashTally {
  readonly edits: number;
  readonly updatesChecked: number;
  readonly lost: readonly LostUpdate[];
  readonly unexpectedExits: readonly string[];
  readonly clientCloses: Readonly<Record<string, number>>;
}

export class CrashLedger {
  readonly #lost: LostUpdate[] = [];
  readonly #unexpectedExits: string[] = [];
  #updatesChecked = 0;

  constructor(
    private readonly clients: readonly Replica[],
    private readonly stored: StoredDoc,
  ) {}

  /** SIGKILLs a relay (`what` names it in the report if it was gone already), waits until every
   *  client socket to it (URLs starting with `socketsTo`; all when absent) is closed, so all it
   *  sent has been read, and checks what the clients received against the store. */
  async kill(relay: { kill(): Promise<Exit> }, round: number, what: string, socketsTo?: string): Promise<void> {
    const exit = await relay.kill();
    if (exit.signal !== 'SIGKILL') this.#unexpectedExits.push(`${what}: ${exit.code ?? exit.signal}`);
    await this.#checkOnceClosed(round, socketsTo);
  }

  /** Stops the edits, waits (bounded) for clients and store to converge, stops the relays with
   *  `stop` and checks what the clients received last. */
  async finish<T>(editing: { stop(): void }, stop: () => Promise<T>, round: number, convergeLimitMs: number) {
    editing.stop();
    const { converged, divergence } = await awaitConvergence(this.clients, this.stored, convergeLimitMs);
    const stopped = await stop();
    await this.#checkOnceClosed(round);
    return { converged, divergence, stopped };
  }

  tally(edits: number): CrashTally {
    return {
      edits,
      updatesChecked: this.#updatesChecked,
      lost: this.#lost,
      unexpectedExits: this.#unexpectedExits,
      clientCloses: countCodes(this.clients.flatMap((c) => c.closeCodes)),
    };
  }

  async #checkOnceClosed(round: number, socketsTo?: string): Promise<void> {
    const what = socketsTo === undefined ? 'client sockets to close' : `client sockets to ${socketsTo} to close`;
    await waitFor(() => this.clients.every((c) => c.openSockets(socketsTo) === 0), what, SOCKETS_CLOSED_LIMIT_MS);
    this.#updatesChecked += await checkReceived(this.clients, this.stored, round, this.#lost);
  }
}
