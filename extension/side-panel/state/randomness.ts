// The crypto-strength random source crdt operations take, and the actor id stamped on clock
// events: the profile's stable one once read, a fresh random one until then.
import { newId, type ActorId } from '../../../crdt/index.ts';
import { actorId } from '../../platform/device.ts';
import { randomBytes } from '../../platform/random.ts';

export { randomBytes as random };

export let actor: ActorId = newId(randomBytes);
void actorId().then((id) => (actor = id));
