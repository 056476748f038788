// Reading a refusal's details: the two shapes the relay sends are kept, anything else (absent,
// malformed, out of bounds) is dropped without an error, and the relay client carries the result
// on RelayRequestError with the code and message intact. The bodies are answered by a real HTTP
// server on port 0, as a relay or a broken proxy in front of it would.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { relayClient } from '../../wire/relay-client.ts';
import { isLengthRule, isPasswordAdvice, readRefusalDetails } from '../../wire/refusal-details.ts';
import { guardedSetup } from '../e2e/helpers/guarded-setup.ts';
import { refusal } from './refusal.ts';

const test = suite<{ server: Server | null; next: string }>('refusal details', { server: null, next: '' });

guardedSetup(test, async (ctx) => {
  ctx.server = createServer((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end(ctx.next));
  ctx.server.listen(0, '127.0.0.1');
  await once(ctx.server, 'listening');
});

test.after((ctx) => {
  ctx.server?.close();
});

test('a length rule and password advice are read as sent', () => {
  const rule = readRefusalDetails({ min: 8, max: 256 });
  assert.equal(rule, { min: 8, max: 256 });
  assert.ok(isLengthRule(rule) && !isPasswordAdvice(rule));
  assert.equal(readRefusalDetails({ min: 0, max: 0 }), { min: 0, max: 0 });
  const advice = readRefusalDetails({ advice: ['topTen', 'anotherWord'] });
  assert.equal(advice, { advice: ['topTen', 'anotherWord'] });
  assert.ok(isPasswordAdvice(advice) && !isLengthRule(advice));
  // A key a newer relay added is kept, for the client to notice it cannot word it.
  assert.equal(readRefusalDetails({ advice: ['somethingNew'] }), { advice: ['somethingNew'] });
  // Fields beside a known shape are not carried.
  assert.equal(readRefusalDetails({ min: 1, max: 2, note: 'x' }), { min: 1, max: 2 });
});

test('absent or malformed details are dropped, never thrown on', () => {
  const malformed: unknown[] = [
    undefined,
    null,
    'min 8 max 256',
    42,
    [8, 256],
    {},
    { min: 8 },
    { min: '8', max: '256' },
    { min: -1, max: 10 },
    { min: 1.5, max: 10 },
    { min: 10, max: 2 },
    { min: Number.MAX_VALUE, max: Number.MAX_VALUE },
    { advice: 'topTen' },
    { advice: [1, 2] },
    { advice: ['topTen', null] },
    { advice: ['This password is too easy to guess.'] },
    { advice: [''] },
    { advice: Array.from({ length: 17 }, () => 'topTen') },
  ];
  for (const raw of malformed) assert.is(readRefusalDetails(raw), undefined, JSON.stringify(raw));
});

test('the relay client carries details on RelayRequestError, and drops malformed ones', async (ctx) => {
  const client = relayClient({ baseUrl: `http://127.0.0.1:${(ctx.server!.address() as AddressInfo).port}` });
  const answer = async (error: unknown) => {
    ctx.next = JSON.stringify({ error });
    return refusal(client.json('POST', '/api/accounts', {}));
  };
  const rule = await answer({ code: 'invalid_password', message: 'Too short.', details: { min: 8, max: 256 } });
  assert.equal([rule.status, rule.code, rule.message, rule.details], [400, 'invalid_password', 'Too short.', { min: 8, max: 256 }]);
  const weak = await answer({ code: 'weak_password', message: 'Too easy.', details: { advice: ['topTen'] } });
  assert.equal(weak.details, { advice: ['topTen'] });
  const missing = await answer({ code: 'invalid_name', message: 'Bad name.' });
  assert.equal([missing.code, missing.message, missing.details], ['invalid_name', 'Bad name.', undefined]);
  const malformed = await answer({ code: 'weak_password', message: 'Too easy.', details: { advice: [{ key: 'topTen' }] } });
  assert.equal([malformed.code, malformed.message, malformed.details], ['weak_password', 'Too easy.', undefined]);
  const wrongType = await answer({ code: 'invalid_password', message: 'Too short.', details: 'min 8' });
  assert.equal([wrongType.code, wrongType.details], ['invalid_password', undefined]);
  ctx.next = 'null';
  assert.is((await refusal(client.json('GET', '/api/time'))).code, 'http_400');
});

test.run();
