// uvu swallows an error thrown in a before hook (its runner returns from `finally`), so a suite
// whose setup fails would report no failure at all. Setup goes through here instead: its error
// is kept and rethrown by every test, so a broken setup fails each test loudly.
import type { Test } from 'uvu';

export function guardedSetup<S>(test: Test<S>, setup: (ctx: S) => Promise<void>): void {
  let failure: unknown = null;
  test.before(async (ctx) => {
    try {
      await setup(ctx);
    } catch (error) {
      failure = error;
    }
  });
  test.before.each(() => {
    if (failure !== null) throw failure;
  });
}
