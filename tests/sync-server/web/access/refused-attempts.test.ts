// The bucket that throttles guesses at one account's email cannot be emptied by filling the
// bounded per-email limiter with fresh emails: a refused attempt (429) counts in no limiter, so
// an address over its own limit adds no key; and when the limiter is full, keys under their
// limit are forgotten before one at it, so attempts from many addresses (each within its own
// limit) do not empty it either. Real relay, addresses told apart by X-Forwarded-For from the
// trusted local proxy.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withRelayService } from '../../helpers/relay-service-harness.ts';

const test = suite('refused attempts');

const LIMITS = {
  signInPerEmail: { max: 3, windowMs: 60_000 },
  signInPerIp: { max: 5, windowMs: 60_000 },
  limiterMaxKeys: 50,
} as const;

type Post = (path: string, body: unknown, ip: string) => Promise<number>;
const EMAIL = 'owner@example.org';

/** A relay with an account whose email bucket guesses from as many addresses have filled. */
function withGuessedAccount(body: (post: Post, logs: readonly string[]) => Promise<void>): Promise<void> {
  return withRelayService({ trustedProxies: ['127.0.0.1'] }, async (service, logs) => {
    const post: Post = async (path, json, ip) => {
      const res = await fetch(`${service.relay.httpUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify(json),
      });
      await res.arrayBuffer();
      return res.status;
    };
    assert.is(await post('/api/accounts', { email: EMAIL, password: 'correct horse battery staple zebra', name: 'Owner' }, '198.51.100.1'), 201);
    const guesses = [];
    for (let i = 1; i <= LIMITS.signInPerEmail.max + 1; i++) guesses.push(await post('/api/sessions', { email: EMAIL, password: `guess ${i}` }, `203.0.113.${i}`));
    assert.equal(guesses, [401, 401, 401, 429]);
    await body(post, logs);
  }, LIMITS);
}

test('a flood of refused sign-ins with fresh emails from one address does not empty the guessed account\'s bucket', () =>
  withGuessedAccount(async (post, logs) => {
    // One address sends many times the limiter's key count, each with another email.
    const flood = new Map<number, number>();
    for (let i = 0; i < 3 * LIMITS.limiterMaxKeys; i++) {
      const status = await post('/api/sessions', { email: `stranger-${i}@example.org`, password: 'x' }, '192.0.2.66');
      flood.set(status, (flood.get(status) ?? 0) + 1);
    }
    assert.equal(Object.fromEntries(flood), { 401: LIMITS.signInPerIp.max, 429: 3 * LIMITS.limiterMaxKeys - LIMITS.signInPerIp.max });
    assert.is(await post('/api/sessions', { email: EMAIL, password: 'one more guess' }, '203.0.113.200'), 429, 'the email bucket was emptied');
    assert.ok(logs.some((line) => line.includes('"status":429') && line.includes('"ip":"203.0.113.200"')), 'the refusal is logged with its address');
  }),
);

test('sign-ins with fresh emails from many addresses, each within its limit, do not empty it either', () =>
  withGuessedAccount(async (post) => {
    const statuses = new Set<number>();
    for (let i = 0; i < 2 * LIMITS.limiterMaxKeys; i++) {
      statuses.add(await post('/api/sessions', { email: `stranger-${i}@example.org`, password: 'x' }, `192.0.2.${(i % 250) + 1}`));
    }
    assert.equal([...statuses], [401]);
    assert.is(await post('/api/sessions', { email: EMAIL, password: 'one more guess' }, '203.0.113.201'), 429, 'the email bucket was emptied');
  }),
);

test.run();
