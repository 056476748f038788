// Relay configuration checks: values that would break stock clients or leak links are refused at
// start with a ConfigError naming the setting.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, MAX_KEEP_ALIVE_MS, resolveConfig } from '../../sync-server/config.ts';

const test = suite('relay config');

test('keepAliveMs is capped so 1.5 x stays under the stock client 30 s silence timeout', () => {
  assert.is(MAX_KEEP_ALIVE_MS, 18_000);
  assert.is(resolveConfig({ keepAliveMs: 18_000 }).keepAliveMs, 18_000);
  for (const keepAliveMs of [18_001, 20_000, 0, -1]) {
    assert.throws(() => resolveConfig({ keepAliveMs }), (error: unknown) => error instanceof ConfigError && /keepAliveMs/.test(String(error)));
  }
});

test.run();
