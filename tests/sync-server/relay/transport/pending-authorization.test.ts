// A gate may answer a socket's authorization later (its records in PostgreSQL). A key revoked
// while that answer is pending must still refuse the socket (4401) when the grant holds it, and
// the messages a stock client sends at once must be held, not lost, until it is admitted; but no
// more of them than its buckets would take at once: a flood is refused (4529) while the gate is
// still deciding, not piled up in memory; and a decision that does not come within the auth
// deadline closes the socket as a failed authorization (1011). The test gate decides at once and hands the decision
// over only when released, after the revocation.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CloseCode } from '../../../../wire/close-codes.ts';
import { SocketRefusal } from '../../../../wire/socket-refusals.ts';
import * as Y from 'yjs';
import { encodeSyncStep1 } from '../../../../sync-server/relay/protocol/messages.ts';
import { isStep2Frame } from '../../helpers/frames.ts';
import { docName, waitFor, withTestRelay } from '../../helpers/relay-harness.ts';
import { TokenRoleGate } from '../../helpers/token-role-gate.ts';

const test = suite('authorization that answers later');

async function closedWithin(client: { closed: Promise<{ code: number; reason: string }> }, ms = 10_000): Promise<{ code: number; reason: string } | 'still open'> {
  let timer: NodeJS.Timeout | undefined;
  const open = new Promise<'still open'>((resolve) => (timer = setTimeout(() => resolve('still open'), ms)));
  try {
    return await Promise.race([client.closed, open]);
  } finally {
    clearTimeout(timer);
  }
}

test('a key revoked while the decision is pending refuses the socket with 4401', () =>
  withTestRelay({}, async (h) => {
    const doc = docName();
    const token = TokenRoleGate.token('edit', doc);
    h.gate.holdDecisions();
    const client = h.raw(doc, token);
    await waitFor(() => h.gate.heldDecisions === 1, 'the decision is pending');
    h.gate.revoke(token);
    h.gate.releaseDecisions();
    assert.equal(await closedWithin(client), { code: CloseCode.unauthenticated, reason: SocketRefusal.accessRevoked });
    assert.is(h.relay.connectionCount(), 0);
  }),
);

test('a revocation of another key lets the socket in, and what it sent while waiting is answered', () =>
  withTestRelay({}, async (h) => {
    const doc = docName();
    const token = TokenRoleGate.token('edit', doc);
    h.gate.holdDecisions();
    const client = h.raw(doc, token);
    await client.opened;
    await waitFor(() => h.gate.heldDecisions === 1, 'the decision is pending');
    client.ws.send(encodeSyncStep1(new Y.Doc()));
    // Frames are read in order: once the relay answered this ping, it has read the step 1.
    const pong = new Promise((resolve) => client.ws.once('pong', resolve));
    client.ws.ping();
    await pong;
    h.gate.revoke(TokenRoleGate.token('edit', doc));
    h.gate.releaseDecisions();
    await waitFor(() => client.received.some(isStep2Frame), 'the early sync step 1 is answered');
    assert.is(h.relay.connectionCount(), 1);
  }),
);

test('a client that sends more bytes than its burst before it is admitted is refused with 4529 at once', () =>
  withTestRelay({ maxMessageBytes: 64 * 1024, byteBurst: 128 * 1024 }, async (h) => {
    const doc = docName();
    h.gate.holdDecisions();
    const client = h.raw(doc, TokenRoleGate.token('edit', doc));
    await client.opened;
    await waitFor(() => h.gate.heldDecisions === 1, 'the decision is pending');
    // Three frames within the message size and the message count, over the byte burst together.
    for (let i = 0; i < 3; i++) client.ws.send(new Uint8Array(60 * 1024).fill(7));
    const closed = await closedWithin(client);
    // Refused while the decision is still pending, not after it was admitted.
    assert.is(h.gate.heldDecisions, 1);
    assert.equal(closed, { code: CloseCode.rateLimited, reason: 'message rate exceeded before admission' });
    h.gate.releaseDecisions();
    await waitFor(() => h.logs.some((line) => line.includes('"code":4529')), 'the refusal is logged');
    assert.is(h.logs.filter((line) => line.includes('"code":4529')).length, 1);
    assert.is(h.relay.connectionCount(), 0);
  }),
);

test('a decision that does not come within authDeadlineMs closes the socket with 1011, logged once; the late decision is ignored', () =>
  withTestRelay({ authDeadlineMs: 500 }, async (h) => {
    const doc = docName();
    h.gate.holdDecisions();
    const client = h.raw(doc, TokenRoleGate.token('edit', doc));
    await client.opened;
    assert.equal(await closedWithin(client), { code: CloseCode.internalError, reason: 'authorization timed out' });
    const lines = h.logs.filter((line) => line.includes('socket authorization failed'));
    assert.is(lines.length, 1);
    assert.match(lines[0] ?? '', /AuthorizationTimeoutError/);
    h.gate.releaseDecisions();
    await waitFor(() => h.gate.heldDecisions === 0, 'the late decision is handed over');
    assert.is(h.relay.connectionCount(), 0);
  }),
);

test.run();
