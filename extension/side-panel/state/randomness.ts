// The crypto-strength random source crdt operations take, and the actor id stamped on clock
// events: the profile's stable one once read, a fresh random one until then.
import { newId, type ActorId, type RandomBytes } from '../../../crdt/index.ts';
import { actorId } from '../../platform/device.ts';

export const random: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));

export let actor: ActorId = newId(random);
void actorId().then((id) => (actor = id));
