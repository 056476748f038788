// A request whose body the relay refuses unread (too large, or a route that takes none) is
// answered with Connection: close, after the rest of the body has been drained, so the client
// reads the answer and its next request, on a new connection, works. Node's fetch (undici) keeps
// connections alive and reuses them, which is what made a reset after a 413 show.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Routes } from '../../wire/website-routes.ts';
import { startTestRelay, type TestRelay } from './helpers/relay-harness.ts';
import { startWebsiteRelay } from './web/website/website-relay.ts';

const test = suite<{ harness: TestRelay }>('refused request bodies');

test.before.each(async (ctx) => {
  ctx.harness = await startTestRelay({ maxApiBodyBytes: 1024 });
});
test.after.each(async (ctx) => {
  await ctx.harness.stop();
});

async function nextRequestWorks(harness: TestRelay): Promise<void> {
  const res = await fetch(`${harness.relay.httpUrl}/api/time`);
  assert.is(res.status, 200);
  assert.type(((await res.json()) as { now: number }).now, 'number');
}

for (const size of [2 * 1024, 256 * 1024, 4 * 1024 * 1024]) {
  test(`a ${size}-byte API body over the limit: 413 with Connection: close, then the next request works`, async ({ harness }) => {
    await nextRequestWorks(harness);
    for (let round = 0; round < 3; round++) {
      const res = await fetch(`${harness.relay.httpUrl}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@example.org', password: 'x'.repeat(size) }),
      });
      assert.is(res.status, 413);
      assert.is(res.headers.get('connection'), 'close');
      assert.is(((await res.json()) as { error: { code: string } }).error.code, 'body_too_large');
      await nextRequestWorks(harness);
    }
  });
}

test('a body sent to a route that reads none: the next request works', async ({ harness }) => {
  await nextRequestWorks(harness);
  for (let round = 0; round < 3; round++) {
    const res = await fetch(`${harness.relay.httpUrl}/api/time`, { method: 'POST', body: 'x'.repeat(256 * 1024) });
    assert.is(res.status, 405);
    await res.arrayBuffer();
    await nextRequestWorks(harness);
  }
});

test('the website refuses an oversized body the same way', async () => {
  const site = await startWebsiteRelay();
  try {
    for (let round = 0; round < 3; round++) {
      const res = await fetch(`${site.url}${Routes.events}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'installed', version: '1.0.0', pad: 'x'.repeat(512 * 1024) }),
      });
      assert.is(res.status, 413);
      assert.is(res.headers.get('connection'), 'close');
      await res.arrayBuffer();
      const next = await fetch(`${site.url}${Routes.privacy}`);
      assert.is(next.status, 200);
      await next.arrayBuffer();
    }
  } finally {
    await site.close();
  }
});

test.run();
