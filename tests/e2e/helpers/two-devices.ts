// Two browser profiles ("devices") signed in to one account on a real relay. Device B can run
// with its system clock skewed (Playwright's clock emulation for the whole profile), as a laptop
// whose clock is minutes off would.
import { startE2eRelay, type E2eRelay } from './e2e-relay.ts';
import { launchExtension, type ExtensionBrowser } from './extension-browser.ts';
import { signIn, signUp, type Credentials } from './extension-flows.ts';

export interface TwoDevices {
  readonly relay: E2eRelay;
  readonly a: ExtensionBrowser;
  readonly b: ExtensionBrowser;
  readonly who: Credentials;
  close(): Promise<void>;
}

let counter = 0;

export async function twoDevices(options: { skewB?: number } = {}): Promise<TwoDevices> {
  const relay = await startE2eRelay();
  const a = await launchExtension();
  const b = await launchExtension();
  const who: Credentials = { email: `device-test-${++counter}@example.org`, password: 'a long enough password', name: 'Grace' };
  try {
    if (options.skewB) await b.context.clock.install({ time: Date.now() + options.skewB });
    await (await signUp(a, relay.httpUrl, who)).close();
    await (await signIn(b, relay.httpUrl, who)).close();
  } catch (error) {
    await Promise.all([a.close(true), b.close(true)]);
    await relay.close();
    throw error;
  }
  return {
    relay,
    a,
    b,
    who,
    async close() {
      await Promise.all([a.close(true), b.close(true)]);
      await relay.close();
    },
  };
}
