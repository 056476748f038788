// Says whether an update can be integrated whole into a document, without touching it. Yjs would
// integrate what it can and park the rest as "pending", which the relay never keeps (a snapshot
// would store it). An honest client sends such an update when it types right after reconnecting:
// the update depends on offline edits that only its coming sync step 2 carries.
// An id is available when the document holds it or the update brings it as part of a run that
// continues the document's state for that client. Forged updates this check passes may still
// leave pending state; apply-update.ts catches those.
import * as Y from 'yjs';

type DecodedStruct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

export function hasMissingDependencies(doc: Y.Doc, decoded: ReturnType<typeof Y.decodeUpdate>): boolean {
  const available = reachableStates(doc, decoded.structs);
  if (!available) return true;
  const state = (client: number): number => available.get(client) ?? Y.getState(doc.store, client);
  const has = (id: Y.ID | null): boolean => id === null || id.clock < state(id.client);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (!has(struct.origin) || !has(struct.rightOrigin)) return true;
    if (struct.parent instanceof Y.ID && !has(struct.parent)) return true;
  }
  for (const [client, deletes] of decoded.ds.clients) {
    if (deletes.some((d) => d.clock + d.len > state(client))) return true;
  }
  return false;
}

/** Per client: the document's state extended by the update's structs; null on a clock gap. */
function reachableStates(doc: Y.Doc, structs: readonly DecodedStruct[]): Map<number, number> | null {
  const states = new Map<number, number>();
  for (const struct of structs) {
    const { client, clock } = struct.id;
    const state = states.get(client) ?? Y.getState(doc.store, client);
    // A Skip is a range the update does not carry: what follows it needs the doc to hold it.
    if (struct instanceof Y.Skip) states.set(client, state);
    else if (clock > state) return null;
    else states.set(client, Math.max(state, clock + struct.length));
  }
  return states;
}
