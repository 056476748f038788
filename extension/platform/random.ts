// The one crypto-strength random source for ids and crdt operations, the same in the extension's
// pages, its background and the web viewer.
import type { RandomBytes } from '../../crdt/ids.ts';

export const randomBytes: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));
