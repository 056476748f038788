// Counts the failures of a DocumentStore, by operation, without changing what it does: every call
// is passed through, and a rejected promise is counted and rejected again. A Proxy, so a method
// added to the interface is counted too without touching this file.
import type { DocumentStore } from './document-store.ts';

export function countStoreErrors(store: DocumentStore, onError: (operation: string) => void): DocumentStore {
  return new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.catch((error: unknown) => {
          onError(String(key));
          throw error;
        });
      };
    },
  });
}
