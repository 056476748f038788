// The website's stores (sign-ups, mail outbox, usage counts) behave the same on SQLite and on
// PostgreSQL: one suite, run once per backend against a real database. An address is stored
// once with one queued mail; its token finds and removes it (and the mail with it); a retried
// mail waits for its time and keeps its attempts; a given-up mail takes its address along; a
// repeated sign-up makes a waiting mail due at once; the queued mail keeps the language its
// sign-up page spoke, through retries (a language the relay does not speak reads as English);
// counts add up per day, event and version.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { websiteStores, type WebsiteStores } from '../../../../sync-server/web/website/website-stores.ts';
import type { MailOutcome, QueuedMail } from '../../../../sync-server/web/website/mail-outbox.ts';
import { BACKENDS, postgresDatabases, sqliteBackend, type WebBackend } from '../web-backends.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 9);
const databases = postgresDatabases('website_stores');

interface World {
  backend: WebBackend | null;
  stores: WebsiteStores | null;
}

/** Takes the next due mail, records `outcome`, and says which mail it was (null: none due). */
async function sendNext(stores: WebsiteStores, now: number, outcome: MailOutcome): Promise<QueuedMail | null> {
  let taken: QueuedMail | null = null;
  await stores.outbox.sendNext(now, async (mail) => {
    taken = mail;
    return outcome;
  });
  return taken;
}

const SENT: MailOutcome = { kind: 'sent' };

for (const kind of BACKENDS) {
  const test = suite<World>(`website stores on ${kind}`, { backend: null, stores: null });
  test.before.each(async (w) => {
    w.backend = kind === 'sqlite' ? sqliteBackend() : await databases.open();
    w.stores = websiteStores(w.backend.kind === 'sqlite' ? { db: w.backend.db } : { pool: w.backend.pool });
  });
  test.after.each(async (w) => {
    await w.backend?.cleanup();
  });
  if (kind === 'postgres') test.after(() => databases.stop());

  test('an address is stored once, with one queued mail', async ({ backend, stores }) => {
    assert.equal(await stores!.signUps.add('ana@example.com', T0, 'en'), { kind: 'added' });
    assert.equal(await stores!.signUps.add('ana@example.com', T0 + 1, 'en'), { kind: 'already' });
    assert.is(await backend!.count('signups'), 1);
    assert.is(await backend!.count('mail_outbox'), 1);
    assert.is(await stores!.outbox.nextDueAt(), T0);
  });

  test('the mailed token finds the address and removes it with its mail', async ({ backend, stores }) => {
    await stores!.signUps.add('ben@example.com', T0, 'en');
    const mail = await sendNext(stores!, T0, { kind: 'retry', attempts: 1, at: T0 + 60_000 });
    assert.ok(mail);
    assert.is(await stores!.signUps.find(mail.unsubscribeToken), 'ben@example.com');
    assert.is(await stores!.signUps.find('A'.repeat(43)), null, 'an unknown token');
    assert.is(await stores!.signUps.find('short'), null, 'a malformed token');
    assert.is(await stores!.signUps.remove(mail.unsubscribeToken), 'ben@example.com');
    assert.is(await stores!.signUps.remove(mail.unsubscribeToken), null, 'only once');
    assert.is(await backend!.count('mail_outbox'), 0, 'the queued mail went with the address');
    assert.is(await stores!.outbox.nextDueAt(), null);
  });

  test('a retried mail waits for its time and keeps its attempts; a sent one leaves the queue', async ({ backend, stores }) => {
    await stores!.signUps.add('cleo@example.com', T0, 'en');
    const first = await sendNext(stores!, T0, { kind: 'retry', attempts: 1, at: T0 + 60_000 });
    assert.is(first?.attempts, 0);
    assert.is(await sendNext(stores!, T0 + 59_999, SENT), null, 'not due before its time');
    assert.is(await stores!.outbox.nextDueAt(), T0 + 60_000);
    const second = await sendNext(stores!, T0 + 60_000, SENT);
    assert.equal([second?.attempts, second?.email], [1, 'cleo@example.com']);
    assert.is(await backend!.count('mail_outbox'), 0);
    assert.is(await backend!.count('signups'), 1, 'the address stays until its retention ends');
  });

  test('a mail given up takes its address along, so signing up again queues a new one', async ({ backend, stores }) => {
    await stores!.signUps.add('dana@example.com', T0, 'en');
    assert.ok(await sendNext(stores!, T0, { kind: 'abandon' }));
    assert.equal([await backend!.count('signups'), await backend!.count('mail_outbox')], [0, 0]);
    assert.equal(await stores!.signUps.add('dana@example.com', T0 + 1, 'en'), { kind: 'added' });
  });

  test('signing up again while the mail waits makes it due at once', async ({ stores }) => {
    await stores!.signUps.add('eve@example.com', T0, 'en');
    await sendNext(stores!, T0, { kind: 'retry', attempts: 1, at: T0 + 3_600_000 });
    assert.equal(await stores!.signUps.add('eve@example.com', T0 + 5, 'en'), { kind: 'already' });
    assert.is((await sendNext(stores!, T0 + 5, SENT))?.email, 'eve@example.com');
  });

  test('the queued mail keeps its sign-up page\'s language through a retry; a repeat keeps the first', async ({ backend, stores }) => {
    await stores!.signUps.add('gabi@example.com', T0, 'de');
    await stores!.signUps.add('hana@example.com', T0 + 1, 'ja');
    assert.equal(await stores!.signUps.add('gabi@example.com', T0 + 2, 'fr'), { kind: 'already' });
    const first = await sendNext(stores!, T0 + 2, { kind: 'retry', attempts: 1, at: T0 + 60_000 });
    assert.equal([first?.email, first?.language], ['gabi@example.com', 'de']);
    assert.equal([(await sendNext(stores!, T0 + 2, SENT))?.language], ['ja']);
    assert.equal([(await sendNext(stores!, T0 + 60_000, SENT))?.language], ['de'], 'the retry is still German');

    await stores!.signUps.add('ivo@example.com', T0, 'es');
    const sql = "UPDATE mail_outbox SET language = 'tlh'";
    if (backend!.kind === 'sqlite') backend!.db.prepare(sql).run();
    else await backend!.pool.query(sql);
    assert.is((await sendNext(stores!, T0, SENT))?.language, 'en', 'a language the relay does not speak');
  });

  test('mail is sent in the order it became due', async ({ stores }) => {
    for (const [i, email] of ['f1@example.com', 'f2@example.com', 'f3@example.com'].entries()) await stores!.signUps.add(email, T0 + i, 'en');
    const order: string[] = [];
    for (let mail = await sendNext(stores!, T0 + 10, SENT); mail; mail = await sendNext(stores!, T0 + 10, SENT)) order.push(mail.email);
    assert.equal(order, ['f1@example.com', 'f2@example.com', 'f3@example.com']);
  });

  test('sign-ups given up to a time are removed, later ones kept', async ({ backend, stores }) => {
    await stores!.signUps.add('old@example.com', T0, 'en');
    await stores!.signUps.add('new@example.com', T0 + DAY, 'en');
    assert.is(await stores!.signUps.removeGivenUpTo(T0), 1);
    assert.is(await stores!.signUps.removeGivenUpTo(T0), 0);
    assert.equal([await backend!.count('signups'), await backend!.count('mail_outbox')], [1, 1]);
  });

  test('usage counts add up per day, event and version', async ({ stores }) => {
    const { counts } = stores!;
    await counts.count('meeting_started', '1.2.0', T0);
    await counts.count('meeting_started', '1.2.0', T0 + 1);
    await counts.count('meeting_started', '1.3.0', T0);
    await counts.count('meeting_started', '1.2.0', T0 + DAY);
    assert.equal(await counts.since('2026-01-06'), [{ day: '2026-01-06', event: 'meeting_started', version: '1.2.0', count: 1 }]);
    assert.equal(await counts.since('2026-01-05'), [
      { day: '2026-01-05', event: 'meeting_started', version: '1.2.0', count: 2 },
      { day: '2026-01-05', event: 'meeting_started', version: '1.3.0', count: 1 },
      { day: '2026-01-06', event: 'meeting_started', version: '1.2.0', count: 1 },
    ]);
  });

  test.run();
}
