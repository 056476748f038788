// A client that hangs up in the middle of a request body is the client's business: the relay logs
// one warn line naming the route and the address, with no stack trace, and goes on serving.
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Routes } from '../../../../wire/website-routes.ts';
import { startWebsiteRelay, type WebsiteRelay } from '../../web/website/website-relay.ts';

const test = suite('aborted request body');
let site: WebsiteRelay;
const lines: Record<string, unknown>[] = [];

test.before(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  site = await startWebsiteRelay({}, { logger: pino({ level: 'debug' }, sink) });
});
test.after(async () => {
  await site.close();
});

/** Sends the head, waits for the relay's 100 Continue (so a handler is reading the body), sends
 *  part of the body and hangs up. */
function abortMidBody(path: string, contentType: string): Promise<void> {
  const { hostname, port } = new URL(site.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: ${contentType}\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n`);
    });
    socket.once('data', (head: Buffer) => {
      if (!head.toString('latin1').startsWith('HTTP/1.1 100')) return reject(new Error(`expected 100 Continue, got ${head.toString('latin1')}`));
      socket.write('email=half', () => socket.destroy());
    });
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

test('a body cut off on a website form and on the API logs one warn line each, no error, no stack', async () => {
  for (const [path, type] of [[Routes.signUp, 'application/x-www-form-urlencoded'], ['/api/accounts', 'application/json']] as const) {
    const before = lines.length;
    await abortMidBody(path, type);
    await until(() => lines.slice(before).some((line) => line.path === path));
    const logged = lines.slice(before).filter((line) => line.path === path);
    assert.is(logged.length, 1, `${path}: ${JSON.stringify(logged)}`);
    assert.is(logged[0]!.level, 40, 'warn');
    assert.is(logged[0]!.msg, 'request body aborted by the client');
    assert.is(logged[0]!.err, undefined, 'no error object, so no stack');
    assert.not.ok(JSON.stringify(logged[0]).includes('stack'));
  }
  assert.is((await fetch(new URL('/healthz', site.url))).status, 200, 'the relay goes on serving');
  assert.not.ok(lines.some((line) => (line.level as number) >= 50), 'nothing at error level');
});

test.run();
