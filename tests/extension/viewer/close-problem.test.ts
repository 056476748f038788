// What the viewer page tells a visitor for each final close of its socket: a revoked, expired or
// forged token, a refused write, a meeting at the relay's size cap, and one change or presence
// update over the size limit each get their own words; any other final refusal says the link is
// not valid. Only 44xx closes are final.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { problemForClose } from '../../../extension/viewer/close-problem.ts';
import { CloseCode, isFinalClose } from '../../../wire/close-codes.ts';
import { SocketRefusal } from '../../../wire/socket-refusals.ts';

const test = suite('viewer close problems');

test('each final refusal maps to what the page says', () => {
  assert.is(problemForClose(CloseCode.unauthenticated, SocketRefusal.shareRevoked), 'revoked');
  assert.is(problemForClose(CloseCode.unauthenticated, SocketRefusal.accessRevoked), 'revoked');
  assert.is(problemForClose(CloseCode.unauthenticated, SocketRefusal.expiredToken), 'expired');
  assert.is(problemForClose(CloseCode.unauthenticated, SocketRefusal.forgedToken), 'invalid');
  assert.is(problemForClose(CloseCode.forbidden, 'view role cannot write'), 'forbidden');
  assert.is(problemForClose(CloseCode.documentFull, SocketRefusal.documentFull), 'full');
  assert.is(problemForClose(CloseCode.tooLarge, 'message too large'), 'tooLarge');
  assert.is(problemForClose(CloseCode.awarenessTooLarge, 'awareness state too large'), 'tooLarge');
  assert.is(problemForClose(CloseCode.badRequest, ''), 'invalid');
});

test('44xx closes are final, 45xx and the rest are retried', () => {
  for (const code of [CloseCode.badRequest, CloseCode.unauthenticated, CloseCode.forbidden, CloseCode.documentFull, CloseCode.tooLarge, CloseCode.awarenessTooLarge]) assert.ok(isFinalClose(code), String(code));
  for (const code of [CloseCode.normal, CloseCode.goingAway, CloseCode.internalError, CloseCode.roomFull, CloseCode.slowConsumer, CloseCode.rateLimited]) assert.not.ok(isFinalClose(code), String(code));
});

test.run();
