// Two website instances (two relays' websites, each with its own pool) on one real PostgreSQL,
// mailing through one real SMTP receiver: every queued mail is delivered exactly once however
// the two senders interleave; a mail refused for now on one node is retried by the other after
// its delay, once; a mail claimed by a node that dies mid-send is sent by the other; usage
// counts from both nodes at once add up; one address signed up on both at once is one row.
import { pino } from 'pino';
import type pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { websiteDefaults } from '../../../../sync-server/web/website/website-config.ts';
import { websiteStores, type WebsiteStores } from '../../../../sync-server/web/website/website-stores.ts';
import { createWebsite, type Website } from '../../../../sync-server/web/website/website.ts';
import { makeTempDir } from '../../helpers/relay-harness.ts';
import { postgresDatabases, type PostgresBackend } from '../web-backends.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

const MINUTE = 60_000;
const MAILS = 30;
const databases = postgresDatabases('website_nodes');

interface Node {
  readonly pool: pg.Pool;
  readonly stores: WebsiteStores;
  readonly website: Website;
}

interface World {
  backend: PostgresBackend | null;
  sink: SmtpSink | null;
  nodes: Node[];
  clock: number;
}

const test = suite<World>('websites of two nodes on one PostgreSQL', { backend: null, sink: null, nodes: [], clock: 0 });

function startNode(w: World, pool: pg.Pool): Node {
  const website = createWebsite({
    pool,
    dataDir: makeTempDir(),
    config: { ...websiteDefaults, smtpUrl: `${w.sink!.url}/?connectionTimeout=2000`, publicUrl: 'https://ltm.example', mailRetry: { ...websiteDefaults.mailRetry, maxAttempts: 3 } },
    ownUrl: () => 'https://ltm.example',
    logger: pino({ level: 'silent' }),
    now: () => w.clock,
  });
  return { pool, stores: websiteStores({ pool }), website };
}

test.before.each(async (w) => {
  w.clock = Date.UTC(2026, 0, 5, 9);
  w.sink = await startSmtpSink();
  w.backend = await databases.open();
  w.nodes = [startNode(w, w.backend.openPool('node-1')), startNode(w, w.backend.openPool('node-2'))];
});
test.after.each(async (w) => {
  for (const node of w.nodes) await node.website.close();
  await w.backend?.cleanup();
  await w.sink?.close();
});
test.after(() => databases.stop());

const recipients = (sink: SmtpSink) => sink.messages.map((m) => m.to.join(',')).sort();
const addresses = (count: number) => Array.from({ length: count }, (_, i) => `person-${String(i).padStart(2, '0')}@example.com`);

test('two senders at once deliver every queued mail exactly once', async (w) => {
  const [one, two] = w.nodes;
  for (const [i, email] of addresses(MAILS).entries()) await (i % 2 ? one : two)!.stores.signUps.add(email, w.clock, 'en');
  await Promise.all([one!.website.sendDueMail(), two!.website.sendDueMail(), one!.website.sendDueMail(), two!.website.sendDueMail()]);
  assert.equal(recipients(w.sink!), addresses(MAILS));
  assert.is(await w.backend!.count('mail_outbox'), 0);
});

test('a mail refused on one node is retried by the other after its delay, once, then given up after the last attempt', async (w) => {
  const [one, two] = w.nodes;
  w.sink!.refusal = '451 4.3.0 mailbox busy, try later';
  await one!.stores.signUps.add('ana@example.com', w.clock, 'en');
  await one!.stores.signUps.add('ben@example.com', w.clock, 'en');
  await one!.website.sendDueMail();
  const queued = async () => (await w.backend!.pool.query('SELECT email, attempts::integer AS attempts, next_attempt_at::float8 AS at FROM mail_outbox ORDER BY email')).rows;
  assert.equal(await queued(), [
    { email: 'ana@example.com', attempts: 1, at: w.clock + MINUTE },
    { email: 'ben@example.com', attempts: 1, at: w.clock + MINUTE },
  ]);
  w.clock += MINUTE - 1;
  await two!.website.sendDueMail();
  assert.is((await queued())[0]?.attempts, 1, 'not before its delay');
  w.clock += 1;
  await Promise.all([two!.website.sendDueMail(), one!.website.sendDueMail()]);
  assert.equal((await queued()).map((row) => [row.attempts, row.at]), [[2, w.clock + 2 * MINUTE], [2, w.clock + 2 * MINUTE]], 'the delay doubles');
  await w.backend!.pool.query("DELETE FROM mail_outbox WHERE email = 'ben@example.com'");
  w.sink!.refusal = null;
  w.clock += 2 * MINUTE;
  await Promise.all([one!.website.sendDueMail(), two!.website.sendDueMail()]);
  assert.equal(recipients(w.sink!), ['ana@example.com']);

  w.sink!.refusal = '451 4.3.0 mailbox busy, try later';
  await two!.stores.signUps.add('cleo@example.com', w.clock, 'en');
  for (const delay of [0, MINUTE, 2 * MINUTE]) {
    w.clock += delay;
    await Promise.all([one!.website.sendDueMail(), two!.website.sendDueMail()]);
  }
  assert.is(await w.backend!.count('mail_outbox'), 0);
  assert.equal((await w.backend!.pool.query("SELECT email FROM signups WHERE email = 'cleo@example.com'")).rows, [], 'given up with its address');
});

test('a mail claimed by a node that dies mid-send is sent by the other node', async (w) => {
  const [one, two] = w.nodes;
  await one!.stores.signUps.add('dana@example.com', w.clock, 'en');
  let claimed!: () => void;
  const isClaimed = new Promise<void>((resolve) => (claimed = resolve));
  let release!: () => void;
  const dying = one!.stores.outbox.sendNext(w.clock, () => {
    claimed();
    return new Promise((resolve) => (release = () => resolve({ kind: 'sent' })));
  });
  await isClaimed;
  await two!.website.sendDueMail();
  const sentMeanwhile = w.sink!.messages.length;
  // Node 1's connection ends as it would when its process dies (only node 1's: node 2's own brief
  // claims are transactions too); the call waits until the server process is gone, and with it
  // the claim.
  await w.backend!.pool.query(
    "SELECT pg_terminate_backend(pid, 30000) FROM pg_stat_activity WHERE application_name = 'node-1' AND state = 'idle in transaction'",
  );
  release();
  const recorded = await dying.then(
    () => true,
    () => false,
  );
  assert.is(sentMeanwhile, 0, 'claimed: the other node skips it');
  assert.not.ok(recorded, 'the dead node records nothing');
  await two!.website.sendDueMail();
  assert.equal(recipients(w.sink!), ['dana@example.com']);
});

test('usage counts from two nodes at once add up', async (w) => {
  const [one, two] = w.nodes;
  const each = 100;
  await Promise.all(
    Array.from({ length: each }, () => [one!.stores.counts.count('item_started', '1.0.0', w.clock), two!.stores.counts.count('item_started', '1.0.0', w.clock)]).flat(),
  );
  assert.equal(await one!.stores.counts.since('2026-01-05'), [{ day: '2026-01-05', event: 'item_started', version: '1.0.0', count: 2 * each }]);
});

test('one address signed up on two nodes at once is one row with one mail', async (w) => {
  const [one, two] = w.nodes;
  for (let round = 0; round < 20; round++) {
    const email = `twice-${round}@example.com`;
    const results = await Promise.all([one!.stores.signUps.add(email, w.clock, 'en'), two!.stores.signUps.add(email, w.clock, 'en')]);
    assert.equal(results.map((r) => r.kind).sort(), ['added', 'already'], `round ${round}`);
  }
  assert.equal([await w.backend!.count('signups'), await w.backend!.count('mail_outbox')], [20, 20]);
});

test.run();
