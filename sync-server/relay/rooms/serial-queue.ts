// Runs async tasks one at a time, in submission order. A room's load, applies, compaction and
// unload all go through one queue, so none of them ever sees another half done.
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
