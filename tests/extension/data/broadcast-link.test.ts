// Two contexts of one profile exchange Yjs updates over a real BroadcastChannel: live edits
// flow both ways, and a late joiner converges with what the others already had. Awareness
// (who is here) travels too, and the socket holder's status reaches the contexts following it.
// A joiner told how many peers have the document open waits for their answers, a second at most.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { BroadcastLink } from '../../../extension/data/broadcast-link.ts';
import type { SyncStatus } from '../../../extension/data/sync-status.ts';

const test = suite('broadcast link');

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), what);
}

test('edits flow both ways and a late joiner gets the full state', async () => {
  const name = `meeting/test${Math.random().toString(36).slice(2)}`;
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.getText('notes').insert(0, 'before anyone joined');
  const linkA = new BroadcastLink(a, name);
  const linkB = new BroadcastLink(b, name);
  try {
    await until(() => b.getText('notes').toString() === 'before anyone joined', 'B got A state on join');
    b.getText('notes').insert(0, '[B] ');
    await until(() => a.getText('notes').toString() === '[B] before anyone joined', 'A got B edit');
    b.getMap('meta').set('title', 'offline on B');
    const c = new Y.Doc();
    c.getArray('clock').push(['c was here first']);
    const linkC = new BroadcastLink(c, name);
    try {
      await until(() => c.getMap('meta').get('title') === 'offline on B', 'C caught up');
      await until(() => a.getArray('clock').length === 1 && b.getArray('clock').length === 1, 'C own state reached A and B');
      assert.is(c.getText('notes').toString(), a.getText('notes').toString());
    } finally {
      linkC.destroy();
    }
  } finally {
    linkA.destroy();
    linkB.destroy();
  }
});

test('an update from the unposted origin (the stored state loading) is not posted, and the resync after the load still brings it to a peer', async () => {
  const name = `meeting/test${Math.random().toString(36).slice(2)}`;
  const storage = { kind: 'indexeddb' };
  const a = new Y.Doc();
  const b = new Y.Doc();
  const linkA = new BroadcastLink(a, name, null, { unposted: storage });
  const linkB = new BroadcastLink(b, name);
  const posted: unknown[] = [];
  const listener = new BroadcastChannel(`ltm-doc:${name}`);
  listener.onmessage = (event: MessageEvent<{ kind: string }>) => posted.push(event.data.kind);
  try {
    // The join exchange settles first, so only what is posted afterwards can reach B.
    b.getMap('meta').set('joined', true);
    await until(() => a.getMap('meta').get('joined') === true, 'joined');
    await new Promise((r) => setTimeout(r, 50));
    posted.length = 0;
    const stored = new Y.Doc();
    stored.getText('notes').insert(0, 'from IndexedDB');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(stored), storage);
    a.getMap('meta').set('title', 'typed here');
    await until(() => b.getMap('meta').get('title') === 'typed here', 'a local edit is posted');
    assert.is(b.getText('notes').toString(), '', 'the load itself was not posted');
    assert.is(posted.filter((kind) => kind === 'update').length, 1, 'one update posted: the edit');
    void linkA.resync();
    await until(() => b.getText('notes').toString() === 'from IndexedDB', 'the resync brought the stored state');
  } finally {
    listener.close();
    linkA.destroy();
    linkB.destroy();
  }
});

test('a resync that counts its peers resolves once each has answered, its state applied', async () => {
  const name = `meeting/test${Math.random().toString(36).slice(2)}`;
  const [a, b, joiner] = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  a.getMap('meta').set('title', 'held only by A');
  b.getArray('items').push(['held only by B']);
  const links = [new BroadcastLink(a, name), new BroadcastLink(b, name)];
  for (const link of links) link.markCounted();
  const late = new BroadcastLink(joiner, name);
  links.push(late);
  try {
    // The constructor's own join is not waited for; this one is, as doc-connection does after a load.
    let started = Date.now();
    await late.resync(2);
    assert.ok(Date.now() - started < 500, 'resolved by the answers, not by the timeout');
    assert.is(joiner.getMap('meta').get('title'), 'held only by A');
    assert.equal(joiner.getArray('items').toArray(), ['held only by B']);
    started = Date.now();
    await late.resync(0);
    assert.ok(Date.now() - started < 100, 'no peers counted: no wait');
    late.destroy();
    started = Date.now();
    await late.resync(2);
    assert.ok(Date.now() - started < 100, 'a destroyed link waits for nobody');
  } finally {
    for (const link of links) link.destroy();
  }
});

test('only distinct counted answers to this very join count; otherwise a resync waits a second at most', async () => {
  const name = `meeting/test${Math.random().toString(36).slice(2)}`;
  const link = new BroadcastLink(new Y.Doc(), name);
  // A peer that has not loaded yet (not counted) answers as any link does.
  const loading = new BroadcastLink(new Y.Doc(), name);
  // Hand-written peers: one answers the join twice, another answers some other join.
  const peer = new BroadcastChannel(`ltm-doc:${name}`);
  const empty = Y.encodeStateVector(new Y.Doc());
  peer.onmessage = (event: MessageEvent<{ kind: string; join?: string }>) => {
    const { join } = event.data;
    if (event.data.kind !== 'state-vector' || join === undefined) return;
    for (const [from, answering] of [['one-peer', join], ['one-peer', join], ['another-peer', `${join}-other`]]) {
      peer.postMessage({ kind: 'state-vector', from, data: empty, answering, counted: true });
    }
  };
  try {
    const started = Date.now();
    await link.resync(2);
    const waited = Date.now() - started;
    assert.ok(waited >= 900 && waited < 3_000, `waited ${waited} ms`);
  } finally {
    peer.close();
    loading.destroy();
    link.destroy();
  }
});

test('after destroy nothing more is exchanged', async () => {
  const name = `meeting/test${Math.random().toString(36).slice(2)}`;
  const a = new Y.Doc();
  const b = new Y.Doc();
  const linkA = new BroadcastLink(a, name);
  const linkB = new BroadcastLink(b, name);
  linkB.destroy();
  a.getText('notes').insert(0, 'x');
  const probe = new Y.Doc();
  const linkProbe = new BroadcastLink(probe, name);
  await until(() => probe.getText('notes').toString() === 'x', 'live peer still answers');
  assert.is(b.getText('notes').toString(), '');
  linkA.destroy();
  linkProbe.destroy();
});

test('awareness flows both ways, a joiner learns who is here, and a leaver is removed', async () => {
  const name = `meeting/test${Math.random().toString(36).slice(2)}`;
  const a = new Y.Doc();
  const b = new Y.Doc();
  const c = new Y.Doc();
  const [awA, awB, awC] = [new Awareness(a), new Awareness(b), new Awareness(c)];
  awA.setLocalStateField('user', { name: 'Ada' });
  const linkA = new BroadcastLink(a, name, awA);
  const linkB = new BroadcastLink(b, name, awB);
  let linkC: BroadcastLink | null = null;
  try {
    await until(() => (awB.getStates().get(a.clientID) as { user?: { name?: string } } | undefined)?.user?.name === 'Ada', 'B knows A on join');
    awB.setLocalStateField('user', { name: 'Bo' });
    await until(() => awA.getStates().has(b.clientID), 'A learns B');
    linkC = new BroadcastLink(c, name, awC);
    await until(() => awC.getStates().has(a.clientID) && awC.getStates().has(b.clientID), 'C learns both');
    awB.setLocalState(null);
    await until(() => !awA.getStates().has(b.clientID) && !awC.getStates().has(b.clientID), 'B left everywhere');
  } finally {
    linkA.destroy();
    linkB.destroy();
    linkC?.destroy();
    for (const aw of [awA, awB, awC]) aw.destroy();
  }
});

test('the socket holder answers a joiner with its status and announces every change', async () => {
  const name = `meeting/test${Math.random().toString(36).slice(2)}`;
  const heard: SyncStatus[] = [];
  let current: SyncStatus = 'syncing';
  const holder: BroadcastLink = new BroadcastLink(new Y.Doc(), name, null, { onJoin: () => holder.announceStatus(current) });
  const follower = new BroadcastLink(new Y.Doc(), name, null, { onStatus: (s) => heard.push(s) });
  try {
    await until(() => heard.includes('syncing'), 'joiner told the status');
    current = 'synced';
    holder.announceStatus(current);
    await until(() => heard.at(-1) === 'synced', 'change announced');
  } finally {
    holder.destroy();
    follower.destroy();
  }
});

test.run();
