// The relay link against a real relay whose database is full (SQLite capped with
// max_page_count): the link's write fails to commit and the relay closes the socket with 1011,
// again on every reconnect. The link's delays keep doubling up to its cap (the stock provider's
// stop at its maxBackoffTime and start over whenever a connection syncs). Once space is back the
// edit is stored and the link is synced again.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { createAccount } from '../../../extension/data/relay-api.ts';
import { RelayLink } from '../../../extension/data/relay-link.ts';
import { startE2eRelay } from '../../e2e/helpers/e2e-relay.ts';
import { fillWithBallast, PAGE_FILLER } from '../../sync-server/helpers/full-database.ts';
import { docFromRows } from '../../sync-server/helpers/frames.ts';
import { waitFor } from '../../sync-server/helpers/relay-harness.ts';

const test = suite('relay link backoff');
const MEETING = 'meeting/relaylinkbackoff0000001';
const policy = { baseMs: 40, maxMs: 320, stableMs: 60_000 };

test('failed commits back the link off exponentially up to the cap; it recovers when space is back', async () => {
  const relay = await startE2eRelay();
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const delays: number[] = [];
  let link: RelayLink | null = null;
  try {
    const grant = await createAccount(relay.httpUrl, { email: 'backoff@example.org', password: 'long password 9', name: 'B' });
    link = new RelayLink({
      doc,
      name: MEETING,
      awareness,
      target: { relayUrl: relay.httpUrl, session: grant.session },
      onStatus: () => {},
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
      backoff: policy,
      onRetry: (delay) => delays.push(delay),
    });
    await waitFor(() => link!.status() === 'synced', 'synced');
    const disk = fillWithBallast(relay.db);
    doc.getText('notes').insert(0, PAGE_FILLER);
    await waitFor(() => delays.length >= 6, 'six failed connections', 20_000);
    const steps = [40, 80, 160, 320, 320, 320];
    steps.forEach((step, i) => assert.ok(delays[i]! >= step / 2 && delays[i]! <= step, `delay ${i} was ${delays[i]}, step ${step}`));

    disk.makeRoom();
    await waitFor(async () => {
      const stored = await relay.store.load(MEETING);
      return link!.status() === 'synced' && docFromRows(stored.updates).getText('notes').length === PAGE_FILLER.length;
    }, 'the edit stored and the link synced once space is back', 20_000);
  } finally {
    link?.destroy();
    awareness.destroy();
    doc.destroy();
    await relay.close();
  }
});

test.run();
