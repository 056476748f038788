// This browser profile's stable identities: the actor id stamped on clock events, and the local
// space id that names the library before anyone signs in. Both are created once, at first use.
import { newId, type ActorId, type SpaceId } from '../../crdt/ids.ts';
import { randomBytes } from './random.ts';
import { readKey, updateKey } from './storage-area.ts';

const ACTOR_KEY = 'actorId' as const;
const LOCAL_SPACE_KEY = 'localSpaceId' as const;

// The background creates both at install time and pages normally only read them; a page that
// starts first creates under the key's lock, so two contexts never each make (and use) their own.
async function stableId<T extends ActorId | SpaceId>(key: string): Promise<T> {
  const existing = await readKey<T>(key);
  if (existing) return existing;
  return (await updateKey<T>(key, (current) => current ?? newId<T>(randomBytes)))!;
}

let actor: Promise<ActorId> | null = null;

export function actorId(): Promise<ActorId> {
  return (actor ??= stableId<ActorId>(ACTOR_KEY));
}

export function localSpaceId(): Promise<SpaceId> {
  return stableId<SpaceId>(LOCAL_SPACE_KEY);
}
