// The acceptance suite every AccessRecords engine must pass (DESIGN.md convention 2). `open` gives
// two records on one fresh store, as two relay nodes would hold them, so the atomic methods are
// also checked when both call at once (on SQLite the second is another connection to the file).
import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AccountId, SessionId, ShareId } from '../../../../sync-server/web/access/access-ids.ts';
import type { AccessRecords, AccountRow, MeetingClaim, NewShare } from '../../../../sync-server/web/access/access-records.ts';

export interface RecordsFixture {
  readonly records: AccessRecords;
  readonly other: AccessRecords;
  readonly cleanup: () => Promise<void>;
}

const id = <T extends string>() => randomBytes(16).toString('base64url') as T;
const NOW = 1_800_000_000_000;

function account(overrides: Partial<AccountRow> = {}): AccountRow {
  const accountId = id<AccountId>();
  return { account_id: accountId, email: `${accountId}@example.org`, name: 'Ada', password_hash: 'scrypt$old', created_at: NOW, ...overrides };
}

async function newAccount(records: AccessRecords): Promise<AccountId> {
  const row = account();
  assert.ok(await records.insertAccount(row));
  return row.account_id;
}

async function newSession(records: AccessRecords, accountId: AccountId, createdAt = NOW, ttl = 60_000): Promise<{ sessionId: SessionId; hash: Buffer }> {
  const sessionId = id<SessionId>();
  const hash = randomBytes(32);
  await records.insertSession({ session_id: sessionId, token_hash: hash, account_id: accountId, created_at: createdAt, last_used_at: createdAt, expires_at: createdAt + ttl });
  return { sessionId, hash };
}

const owned = (owner: AccountId): MeetingClaim => ({ kind: 'owner', owner });

function share(accountId: AccountId, meetingId: string, createdAt = NOW): NewShare {
  return { share_id: id<ShareId>(), meeting_id: meetingId, account_id: accountId, role: 'view', created_at: createdAt, expires_at: createdAt + 1000, label: null };
}

export function accessRecordsAcceptance(engine: string, open: () => Promise<RecordsFixture>) {
  const test = suite<{ fx: RecordsFixture; records: AccessRecords }>(`AccessRecords acceptance: ${engine}`);
  test.before.each(async (ctx) => {
    ctx.fx = await open();
    ctx.records = ctx.fx.records;
    // Every pooled connection opened before a test starts: otherwise a race test's calls queue
    // behind connections opened one at a time and run one after another, never at once.
    await Promise.all([ctx.fx.records, ctx.fx.other].flatMap((records) => Array.from({ length: 8 }, () => records.accountById('nobody'))));
  });
  test.after.each(async (ctx) => {
    await ctx.fx.cleanup();
  });

  test('an account reads back as written, times as numbers; a taken email is refused', async ({ records }) => {
    const row = account();
    assert.ok(await records.insertAccount(row));
    assert.equal(await records.accountById(row.account_id), row);
    assert.equal(await records.accountByEmail(row.email), row);
    assert.is(typeof (await records.accountById(row.account_id))!.created_at, 'number');
    assert.not.ok(await records.insertAccount(account({ email: row.email })), 'the same email twice');
    assert.is(await records.accountById('nobody'), null);
  });

  test('two nodes inserting one email at once: exactly one account', async ({ fx }) => {
    const email = `${id()}@example.org`;
    const results = await Promise.all([fx.records, fx.other, fx.records, fx.other].map((r) => r.insertAccount(account({ email }))));
    assert.is(results.filter(Boolean).length, 1);
  });

  test('sessions: found by hash while live, listed in order, touched, deleted only by their account, purged when expired', async ({ records }) => {
    const acc = await newAccount(records);
    const first = await newSession(records, acc, NOW);
    const second = await newSession(records, acc, NOW + 1, 10);
    assert.equal(await records.liveSessionByHash(first.hash, NOW), { session_id: first.sessionId, account_id: acc, created_at: NOW, last_used_at: NOW, expires_at: NOW + 60_000 });
    assert.is(await records.liveSessionByHash(second.hash, NOW + 11), null, 'expired');
    assert.equal((await records.liveSessionsOf(acc, NOW)).map((s) => s.session_id), [first.sessionId, second.sessionId]);
    await records.touchSession(first.sessionId, NOW + 500);
    assert.is((await records.sessionById(first.sessionId))!.last_used_at, NOW + 500);
    assert.not.ok(await records.deleteSession(first.sessionId, await newAccount(records)), 'another account cannot end it');
    assert.is(await records.purgeExpiredSessions(NOW + 11), 1);
    assert.ok(await records.deleteSession(first.sessionId, acc));
    assert.is(await records.sessionById(first.sessionId), null);
  });

  test('claiming: the first account owns a meeting, the next is told who does, the cap holds', async ({ records }) => {
    const [a, b] = [await newAccount(records), await newAccount(records)];
    const meeting = id();
    assert.equal(await records.claimMeeting(meeting, a, NOW, 2), owned(a));
    assert.equal(await records.claimMeeting(meeting, b, NOW, 2), owned(a));
    assert.is(await records.ownerOf(meeting), a);
    assert.equal(await records.claimMeeting(id(), a, NOW + 1, 2), owned(a));
    assert.equal(await records.claimMeeting(id(), a, NOW + 2, 2), { kind: 'limit' }, 'at the cap');
    assert.equal(await records.claimMeeting(meeting, a, NOW + 3, 2), owned(a), 'at the cap, a meeting it owns is still its own');
    assert.is((await records.meetingsOf(a)).length, 2);
    assert.is(typeof (await records.meetingsOf(a))[0]!.claimed_at, 'number');
  });

  test('two nodes claiming for one account at once never pass the cap', async ({ fx }) => {
    const acc = await newAccount(fx.records);
    const claims = Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? fx.records : fx.other).claimMeeting(id(), acc, NOW + i, 5));
    const outcomes = await Promise.all(claims);
    assert.is(outcomes.filter((claim) => claim.kind === 'owner' && claim.owner === acc).length, 5);
    assert.is(outcomes.filter((claim) => claim.kind === 'limit').length, 19);
    assert.is((await fx.records.meetingsOf(acc)).length, 5);
  });

  test('two accounts claiming one meeting at once agree on one owner', async ({ fx }) => {
    const [a, b] = [await newAccount(fx.records), await newAccount(fx.other)];
    const meeting = id();
    const [claimA, claimB] = await Promise.all([fx.records.claimMeeting(meeting, a, NOW, 10), fx.other.claimMeeting(meeting, b, NOW, 10)]);
    assert.equal(claimA, claimB);
    assert.ok(claimA.kind === 'owner' && (claimA.owner === a || claimA.owner === b));
    assert.is(await fx.records.ownerOf(meeting), claimA.kind === 'owner' ? claimA.owner : null);
  });

  test('a claim racing the deletion of its meeting: either it owned the meeting before, or it is told the meeting was deleted', async ({ fx }) => {
    const [owner, other] = [await newAccount(fx.records), await newAccount(fx.other)];
    const meeting = id();
    await fx.records.claimMeeting(meeting, owner, NOW, 10);
    const [deletion, claim] = await Promise.all([fx.records.deleteMeeting(meeting, owner, NOW + 1), fx.other.claimMeeting(meeting, other, NOW + 1, 10)]);
    assert.is(deletion.kind, 'deleted');
    assert.ok(claim.kind === 'deleted' || (claim.kind === 'owner' && claim.owner === owner), JSON.stringify(claim));
    assert.is(await fx.records.ownerOf(meeting), null);
    assert.equal(await fx.other.claimMeeting(meeting, other, NOW + 2, 10), { kind: 'deleted' });
  });

  test('shares: read back with their label (or null), listed by meeting and by account, revoked once', async ({ records }) => {
    const acc = await newAccount(records);
    const meeting = id();
    const [first, second] = [share(acc, meeting, NOW), { ...share(acc, meeting, NOW + 1), label: 'Board' }];
    await records.insertShare(first);
    await records.insertShare(second);
    assert.equal(await records.shareById(first.share_id), { ...first, revoked_at: null });
    assert.is((await records.shareById(second.share_id))!.label, 'Board');
    assert.equal((await records.sharesOf(meeting)).map((s) => s.share_id), [first.share_id, second.share_id]);
    assert.equal((await records.sharesOfAccount(acc)).map((s) => s.share_id), [first.share_id, second.share_id]);
    await records.revokeShare(first.share_id, NOW + 5);
    await records.revokeShare(first.share_id, NOW + 9);
    assert.is((await records.shareById(first.share_id))!.revoked_at, NOW + 5, 'the first revocation stands');
    assert.is(await records.shareById('none'), null);
  });

  test('a password change sets the hash and ends every other session in one step', async ({ records }) => {
    const acc = await newAccount(records);
    const keep = await newSession(records, acc);
    const others = [await newSession(records, acc), await newSession(records, acc)];
    const ended = await records.changePassword(acc, 'scrypt$new', keep.sessionId);
    assert.equal([...ended].sort(), others.map((s) => s.sessionId).sort());
    assert.is((await records.accountById(acc))!.password_hash, 'scrypt$new');
    assert.equal((await records.liveSessionsOf(acc, NOW)).map((s) => s.session_id), [keep.sessionId]);
  });

  test('a rehash replaces the hash only while the password is unchanged; names change', async ({ records }) => {
    const acc = await newAccount(records);
    assert.ok(await records.replacePasswordHash(acc, 'scrypt$old', 'scrypt$rehashed'));
    assert.not.ok(await records.replacePasswordHash(acc, 'scrypt$old', 'scrypt$stale'));
    assert.is((await records.accountById(acc))!.password_hash, 'scrypt$rehashed');
    await records.setName(acc, 'Grace');
    assert.is((await records.accountById(acc))!.name, 'Grace');
    assert.equal(await records.connectedSignInsOf(acc), []);
  });

  test('deleting an account removes its rows, records its documents, and leaves others alone', async ({ records }) => {
    const [acc, other] = [await newAccount(records), await newAccount(records)];
    const meeting = id();
    await records.claimMeeting(meeting, acc, NOW, 10);
    await records.claimMeeting(id(), other, NOW, 10);
    await newSession(records, acc);
    await records.insertShare(share(acc, meeting));
    const docs = await records.deleteAccount(acc, NOW);
    assert.equal(docs, [`library/${acc}`, `meeting/${meeting}`]);
    assert.is(await records.accountById(acc), null);
    assert.equal(await records.liveSessionsOf(acc, NOW), []);
    assert.equal(await records.sharesOfAccount(acc), []);
    assert.is(await records.ownerOf(meeting), null);
    assert.equal(await records.pendingDeletions(), docs);
    await records.donePendingDeletion(docs[0]!);
    assert.equal(await records.pendingDeletions(), [docs[1]]);
    assert.is((await records.meetingsOf(other)).length, 1);
    assert.ok((await records.accountById(other)) !== null);
  });

  test('deleting a meeting as its owner removes its shares and ownership, records it, and leaves a tombstone no claim passes', async ({ records }) => {
    const [acc, other] = [await newAccount(records), await newAccount(records)];
    const [meeting, kept] = [id(), id()];
    await records.claimMeeting(meeting, acc, NOW, 2);
    await records.claimMeeting(kept, acc, NOW, 2);
    const shared = share(acc, meeting);
    await records.insertShare(shared);
    await records.insertShare(share(acc, kept));
    assert.equal(await records.deleteMeeting(meeting, other, NOW + 1), { kind: 'forbidden' }, 'not by another account');
    assert.equal(await records.deleteMeeting(id(), acc, NOW + 1), { kind: 'absent' }, 'not a meeting nobody owns');
    assert.is(await records.meetingDeletedAt(meeting), null);
    assert.equal(await records.deleteMeeting(meeting, acc, NOW + 1), { kind: 'deleted', shares: [shared.share_id] });
    assert.is(await records.meetingDeletedAt(meeting), NOW + 1);
    assert.is(await records.ownerOf(meeting), null);
    assert.equal(await records.sharesOf(meeting), []);
    assert.is((await records.sharesOf(kept)).length, 1);
    assert.equal((await records.meetingsOf(acc)).map((m) => m.meeting_id), [kept]);
    assert.ok((await records.pendingDeletions()).includes(`meeting/${meeting}`));
    assert.equal(await records.claimMeeting(meeting, other, NOW + 2, 2), { kind: 'deleted' }, 'a deleted meeting is never claimed again');
    assert.equal(await records.claimMeeting(meeting, acc, NOW + 2, 1), { kind: 'deleted' }, 'at the cap too, the claim is told the meeting was deleted');
    assert.is(await records.ownerOf(meeting), null);
    assert.equal(await records.deleteMeeting(meeting, acc, NOW + 3), { kind: 'gone' }, 'deleted once');
    assert.equal(await records.deleteMeeting(meeting, other, NOW + 3), { kind: 'gone' }, 'gone for every account');
    assert.equal(await records.claimMeeting(id(), acc, NOW + 4, 2), owned(acc), 'the freed place under the cap');
  });

  test('two deletions of one meeting at once: one deletes it, the other finds it gone', async ({ fx }) => {
    const acc = await newAccount(fx.records);
    const meeting = id();
    await fx.records.claimMeeting(meeting, acc, NOW, 10);
    const outcomes = await Promise.all([fx.records.deleteMeeting(meeting, acc, NOW + 1), fx.other.deleteMeeting(meeting, acc, NOW + 1)]);
    assert.equal(outcomes.map((o) => o.kind).sort(), ['deleted', 'gone']);
  });

  return test;
}
