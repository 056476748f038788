// The answers to one batch's sync step 1s. Each answer is a diff of the whole document, so equal
// state vectors (a client repeating itself, or many fresh clients) share one encode; the room
// asks only for sockets still open when the batch's replies go out.
import type * as Y from 'yjs';
import { encodeSyncStep2 } from '../protocol/messages.ts';

export class Step2Answers {
  // A getter: the room's doc may be rebuilt from the store before the replies go out.
  readonly #doc: () => Y.Doc;
  readonly #byStateVector = new Map<string, Uint8Array>();

  constructor(doc: () => Y.Doc) {
    this.#doc = doc;
  }

  for(stateVector: Uint8Array): Uint8Array {
    const key = Buffer.from(stateVector).toString('latin1');
    let answer = this.#byStateVector.get(key);
    if (!answer) {
      answer = encodeSyncStep2(this.#doc(), stateVector);
      this.#byStateVector.set(key, answer);
    }
    return answer;
  }
}
