// A refused attempt (429) counts in no limiter. Otherwise an address over its own limit could
// still add a fresh key to the per-email limiter with every request (a new email each time)
// until the bounded limiter forgot its oldest keys: the email bucket that throttles guesses at
// one account, which guessers on other addresses would then find empty. Real relay, addresses
// told apart by X-Forwarded-For from the trusted local proxy.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withRelayService } from '../../helpers/relay-service-harness.ts';

const test = suite('refused attempts');

const LIMITS = {
  signInPerEmail: { max: 3, windowMs: 60_000 },
  signInPerIp: { max: 5, windowMs: 60_000 },
  limiterMaxKeys: 50,
} as const;

test('a flood of refused sign-ins with fresh emails from one address does not empty the guessed account\'s bucket', () =>
  withRelayService({ trustedProxies: ['127.0.0.1'] }, async (service, logs) => {
    const post = async (body: unknown, ip: string): Promise<number> => {
      const res = await fetch(`${service.relay.httpUrl}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      return res.status;
    };
    const email = 'owner@example.org';
    const signUp = await fetch(`${service.relay.httpUrl}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1' },
      body: JSON.stringify({ email, password: 'correct horse battery staple zebra', name: 'Owner' }),
    });
    assert.is(signUp.status, 201);
    // Guesses from as many addresses: the email's bucket stops them.
    const guesses = [];
    for (let i = 1; i <= LIMITS.signInPerEmail.max + 1; i++) guesses.push(await post({ email, password: `guess ${i}` }, `203.0.113.${i}`));
    assert.equal(guesses, [401, 401, 401, 429]);
    // One address sends many times the limiter's key count, each with another email.
    const flood = new Map<number, number>();
    for (let i = 0; i < 3 * LIMITS.limiterMaxKeys; i++) {
      const status = await post({ email: `stranger-${i}@example.org`, password: 'x' }, '192.0.2.66');
      flood.set(status, (flood.get(status) ?? 0) + 1);
    }
    assert.equal(Object.fromEntries(flood), { 401: LIMITS.signInPerIp.max, 429: 3 * LIMITS.limiterMaxKeys - LIMITS.signInPerIp.max });
    assert.is(await post({ email, password: 'one more guess' }, '203.0.113.200'), 429, 'the email bucket was emptied');
    assert.ok(logs.some((line) => line.includes('"status":429') && line.includes('"ip":"203.0.113.200"')), 'the refusal is logged with its address');
  }, LIMITS),
);

test.run();
