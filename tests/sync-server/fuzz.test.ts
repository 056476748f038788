// Fuzz: over 100,000 hostile frames read by the relay (helpers/fuzz-frames.ts) against a relay child process, on
// many short-lived sockets with pipelined frames, into rooms that hold real data. The relay must
// stay up, a clean room must keep syncing throughout, no stored byte of any room may change, and
// every socket the relay closes must get a named close code. Some sockets use a view share link
// and may also send valid new writes, which must be refused with 4403. The fuzz relay runs with relaxed
// message and connection rates so 100k frames fit the time; a second relay with the default
// limits shows that a flooder is still closed as rate limited.
import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { CloseCode } from '../../wire/close-codes.ts';
import { MessageType, SyncType, encodeUpdate } from '../../sync-server/relay/protocol/messages.ts';
import { databasePath, openDatabase } from '../../sync-server/relay/storage/sqlite-database.ts';
import { readFrame, storedRows } from './helpers/frames.ts';
import { FuzzFrames, type FuzzFrame } from './helpers/fuzz-frames.ts';
import { createAccount } from './helpers/relay-account.ts';
import { spawnRelay, type RelayProcess } from './helpers/relay-process.ts';
import { makeTempDir, waitFor } from './helpers/relay-harness.ts';
import { seededInts } from './helpers/seeded-ints.ts';
import { destroyProvider, stockProvider } from './helpers/stock-provider.ts';

/** Frames the relay must actually read (its ltm_messages_received_total), not merely be sent. */
const TARGET_FRAMES = 100_000;
const TIME_LIMIT_MS = 150_000;
const CONCURRENT_SOCKETS = 24;
const MIN_PIPELINED = 4;
const MAX_PIPELINED = 160;
/** Time the adaptive pipeline length aims to finish in; TIME_LIMIT_MS is the hard stop. */
const FUZZ_BUDGET_MS = 70_000;
/** Generous bound on the clean room's own messages per round trip, discounted from the count. */
const CLEAN_MESSAGES_PER_ROUND_TRIP = 4;
const FUZZ_ROOMS = 4;
const VIEWER_SHARE = 0.15;
const SOCKET_LIMIT_MS = 10_000;
const SEED = 4242;
const NAMED_CODES = new Set<number>(Object.values(CloseCode));
/** Loopback source addresses, so ~20k short-lived sockets do not exhaust one address's ports. */
const SOURCE_ADDRESSES = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);
const PROBE = new Uint8Array([MessageType.sync, SyncType.step1, 1, 0]);
const RELAXED = {
  messagesPerSecond: 1e9,
  messageBurst: 1e9,
  bytesPerSecond: 1e12,
  byteBurst: 1e12,
  connectionsPerSecondPerIp: 1e9,
  connectionBurstPerIp: 1e9,
  maxSocketsPerIp: 1e9,
  maxConnectionsPerIp: 1e9,
} as const;

interface Room {
  readonly name: string;
  readonly token: string;
  /** A view share link: its sockets send the same frames, valid new writes included. */
  readonly viewToken: string;
  readonly frames: FuzzFrames;
}

function allRows(dataDir: string, except: string): string[] {
  const db = openDatabase(databasePath(dataDir));
  try {
    const rows = db.prepare('SELECT doc, seq, data FROM updates WHERE doc != ? ORDER BY doc, seq').all(except) as { doc: string; seq: number; data: Buffer }[];
    return rows.map((row) => `${row.doc}/${row.seq}/${row.data.toString('hex')}`);
  } finally {
    db.close();
  }
}

function provider(relay: RelayProcess, doc: string, token: string, ydoc = new Y.Doc()): WebsocketProvider {
  return stockProvider(relay.url, doc, token, ydoc);
}

const destroy = destroyProvider;

/** Fills a room through a stock client; returns every update it made (each already stored). */
async function populate(relay: RelayProcess, dataDir: string, name: string, token: string, seed: number): Promise<Uint8Array[]> {
  const rng = seededInts(seed);
  const p = provider(relay, name, token);
  const updates: Uint8Array[] = [];
  p.doc.on('update', (update: Uint8Array) => updates.push(update));
  try {
    await waitFor(() => p.synced, 'populating client to sync');
    for (let i = 0; i < 60; i++) {
      const text = p.doc.getText('notes');
      if (i % 5 === 4) text.delete(rng.int(text.length), 2);
      else text.insert(rng.int(text.length + 1), `item ${i} `);
      p.doc.getMap('meta').set(`k${i % 7}`, { i, title: `t${i}` });
      if (i % 3 === 0) p.doc.getArray('items').push([{ id: i, done: false }]);
    }
    const expected = Buffer.from(Y.encodeStateVector(p.doc));
    await waitFor(() => {
      const stored = new Y.Doc();
      for (const row of storedRows(dataDir, name)) Y.applyUpdate(stored, row);
      return Buffer.from(Y.encodeStateVector(stored)).equals(expected);
    }, 'populated room to be stored');
    return updates;
  } finally {
    destroy(p);
  }
}

interface SocketOutcome {
  readonly sent: number;
  readonly code: number | null;
  readonly expectedClose: boolean;
  readonly hung: boolean;
  readonly error: string;
}

/** One short-lived socket: a pipelined batch of fuzz frames, then a probe step 1. */
async function fuzzSocket(relay: RelayProcess, room: Room, localAddress: string, batch: number, viewer: boolean): Promise<SocketOutcome> {
  const token = viewer ? room.viewToken : room.token;
  const ws = new WebSocket(`${relay.url}/${room.name}?token=${encodeURIComponent(token)}`, { localAddress });
  let error = '';
  ws.on('error', (e) => (error = e.message));
  let step2s = 0;
  ws.on('message', (data: Buffer) => {
    const frame = readFrame(new Uint8Array(data));
    if (frame.kind === 'sync' && frame.type === SyncType.step2) step2s++;
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const opened = await Promise.race([new Promise<boolean>((r) => ws.once('open', () => r(true))), closed.then(() => false)]);
  if (!opened) return { sent: 0, code: await closed, expectedClose: false, hung: false, error: `before open: ${error}` };
  let expectedClose = false;
  let answers = 1;
  let sent = 0;
  // Frames the relay should accept go first, so more of the pipeline is read before the first
  // refusal closes the socket (the relay discards the rest of a closed socket's pipeline unread).
  // A viewer may send valid new writes too: the relay must refuse them (4403) and store nothing.
  const offends = (f: FuzzFrame) => f.verdict === 'refused' || (viewer && f.update);
  const frames = Array.from({ length: batch }, () => room.frames.next()).filter((f) => viewer || f.verdict !== 'write');
  frames.sort((x, y) => Number(offends(x)) - Number(offends(y)));
  for (const frame of frames) {
    ws.send(frame.data, { binary: typeof frame.data !== 'string' });
    sent++;
    if (!expectedClose) expectedClose = offends(frame);
    if (!expectedClose && frame.verdict === 'step1') answers++;
  }
  ws.send(PROBE);
  let code: number | null = null;
  void closed.then((c) => (code = c));
  let hung = false;
  try {
    await waitFor(() => code !== null || step2s >= answers, 'fuzz socket to be closed or answered', SOCKET_LIMIT_MS);
  } catch {
    hung = true;
  }
  const relayClosed: number | null = code;
  if (relayClosed === null) {
    ws.terminate();
    await closed;
  }
  return { sent, code: relayClosed, expectedClose, hung, error };
}

const test = suite('fuzz');

test(`${TARGET_FRAMES.toLocaleString('en')} hostile frames read by the relay: it stays up, stored bytes unchanged, named close codes, a clean room keeps syncing`, async () => {
  const dataDir = makeTempDir();
  const relay = await spawnRelay({ dataDir, overrides: RELAXED, logLevel: 'warn' });
  const clean: WebsocketProvider[] = [];
  try {
    const account = await createAccount(relay.httpUrl);
    const rooms: Room[] = [];
    for (let i = 0; i < FUZZ_ROOMS; i++) {
      const name = `meeting/${randomBytes(16).toString('hex')}`;
      const token = await account.tokenFor(name);
      const updates = await populate(relay, dataDir, name, token, SEED + i);
      rooms.push({ name, token, viewToken: await account.shareToken(name, 'view'), frames: new FuzzFrames(seededInts(SEED * 7 + i), updates, storedRows(dataDir, name)) });
    }
    const cleanName = `meeting/${randomBytes(16).toString('hex')}`;
    const cleanToken = await account.tokenFor(cleanName);
    const before = allRows(dataDir, cleanName);

    const [a, b] = [provider(relay, cleanName, cleanToken), provider(relay, cleanName, cleanToken)];
    clean.push(a!, b!);
    await waitFor(() => a!.synced && b!.synced, 'clean clients to sync');
    let fuzzing = true;
    let roundTrips = 0;
    const cleanLoop = (async () => {
      while (fuzzing) {
        const [from, to] = roundTrips % 2 === 0 ? [a!, b!] : [b!, a!];
        from.doc.getArray<number>('log').push([roundTrips]);
        const want = from.doc.getArray('log').length;
        await waitFor(() => to.doc.getArray('log').length === want, `clean edit ${roundTrips} to cross the relay`);
        roundTrips++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    const received = async (): Promise<number> => {
      const text = await (await fetch(`${relay.httpUrl}/metrics`)).text();
      return Number(/ltm_messages_received_total (\d+)/.exec(text)?.[1] ?? 0);
    };
    const baseline = await received();
    // What the relay has read of the fuzz frames: its received count since the start, less the
    // clean room's own traffic. A socket's frames behind its first refused one are never read.
    let examined = 0;
    const readExamined = async () => {
      examined = (await received()) - baseline - CLEAN_MESSAGES_PER_ROUND_TRIP * roundTrips;
    };
    const poller = setInterval(() => void readExamined().catch(() => {}), 250);

    const rng = seededInts(SEED);
    const started = performance.now();
    const deadline = Date.now() + TIME_LIMIT_MS;
    let frames = 0;
    let sockets = 0;
    const codes = new Map<number, number>();
    const problems: string[] = [];
    // Short pipelines mean more of the frames are read by the relay (it discards the rest of a
    // socket's pipeline after the first refusal); the cap grows only as far as this machine's
    // socket rate needs to reach the frame target within the fuzz budget.
    const pipelineCap = () => {
      const elapsed = (performance.now() - started) / 1000;
      if (sockets < 50) return MIN_PIPELINED;
      const remainingSeconds = Math.max(1, (FUZZ_BUDGET_MS - (performance.now() - started)) / 1000);
      const readShare = frames > 0 && examined > 0 ? Math.min(1, examined / frames) : 0.5;
      const perSocket = (TARGET_FRAMES - examined) / (readShare * (sockets / elapsed) * remainingSeconds);
      return Math.min(MAX_PIPELINED, Math.max(MIN_PIPELINED, Math.ceil(2 * perSocket)));
    };
    const worker = async (w: number) => {
      for (let n = 0; examined < TARGET_FRAMES && Date.now() < deadline; n++) {
        const room = rooms[rng.int(rooms.length)]!;
        const address = SOURCE_ADDRESSES[(w + n) % SOURCE_ADDRESSES.length]!;
        const outcome = await fuzzSocket(relay, room, address, 1 + rng.int(pipelineCap()), rng.chance(VIEWER_SHARE));
        frames += outcome.sent;
        sockets++;
        if (outcome.code !== null) codes.set(outcome.code, (codes.get(outcome.code) ?? 0) + 1);
        if (outcome.hung) problems.push(`socket ${sockets} neither closed nor answered`);
        else if (outcome.expectedClose && outcome.code === null) problems.push(`socket ${sockets}: a refused frame was answered`);
        else if (outcome.code !== null && !NAMED_CODES.has(outcome.code)) problems.push(`socket ${sockets}: unnamed close code ${outcome.code} ${outcome.error}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT_SOCKETS }, (_, w) => worker(w)));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(poller);
    fuzzing = false;
    await cleanLoop;
    await readExamined();

    // One oversized frame on the fuzz relay still gets 4413.
    const big = new WebSocket(`${relay.url}/${rooms[0]!.name}?token=${encodeURIComponent(rooms[0]!.token)}`);
    big.on('error', () => {});
    const bigClosed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
    await new Promise((resolve) => big.once('open', resolve));
    big.send(encodeUpdate(new Uint8Array(3 * 1024 * 1024)));
    assert.is(await bigClosed, CloseCode.tooLarge);

    console.log(`  fuzz: ${frames} frames sent on ${sockets} sockets in ${seconds.toFixed(1)} s; read by the relay ${examined}; close codes ${JSON.stringify(Object.fromEntries(codes))}; clean room round trips ${roundTrips}`);

    assert.ok(examined >= TARGET_FRAMES, `the relay read ${examined} fuzz frames (${frames} sent), wanted ${TARGET_FRAMES}`);
    assert.equal(problems.slice(0, 10), [], 'every socket was closed with a named code or answered');
    assert.is(relay.child.exitCode, null, 'the relay process is alive');
    assert.ok((await fetch(`${relay.httpUrl}/healthz`)).ok, 'the relay answers health checks');
    assert.ok((codes.get(CloseCode.forbidden) ?? 0) > 0, 'viewers sending writes were closed with 4403');
    assert.ok(roundTrips >= 10, `the clean room kept syncing (${roundTrips} round trips)`);
    assert.equal(allRows(dataDir, cleanName), before, 'no stored byte of any fuzzed room changed');
  } finally {
    for (const p of clean) destroy(p);
    await relay.kill();
  }
});

test(`with the default limits a flooder is still closed with ${CloseCode.rateLimited} (rate limited)`, async () => {
  const dataDir = makeTempDir();
  const relay = await spawnRelay({ dataDir });
  try {
    const account = await createAccount(relay.httpUrl);
    const name = `meeting/${randomBytes(16).toString('hex')}`;
    const ws = new WebSocket(`${relay.url}/${name}?token=${encodeURIComponent(await account.tokenFor(name))}`);
    ws.on('error', () => {});
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.once('open', resolve));
    for (let i = 0; i < 2_000 && ws.readyState === ws.OPEN; i++) ws.send(PROBE);
    assert.is(await closed, CloseCode.rateLimited);
    assert.is(relay.child.exitCode, null);
  } finally {
    await relay.kill();
  }
});

test.run();
