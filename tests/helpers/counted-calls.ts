// Watches a real object (a DocumentStore, AccessRecords) without changing it: every method call is
// passed through to the object itself and its name recorded, in call order, so a test can tell how
// often the code under test read or wrote, and in which order. Nothing is replaced or stubbed.
// Methods run with the object itself as `this`, so calls it makes on itself are not recorded:
// the counts are those of the code under test alone.
export interface CountedCalls<T extends object> {
  /** Use this in place of the object; it behaves exactly as the object does. */
  readonly target: T;
  /** Method names in call order, since the start or the last `reset()`. */
  readonly calls: string[];
  /** How often the method was called since the start or the last `reset()`. */
  count(method: keyof T & string): number;
  reset(): void;
}

export function countCalls<T extends object>(object: T): CountedCalls<T> {
  const calls: string[] = [];
  const target = new Proxy(object, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(key));
        return value.apply(target, args);
      };
    },
  });
  return {
    target,
    calls,
    count: (method) => calls.filter((name) => name === method).length,
    reset: () => void calls.splice(0),
  };
}
