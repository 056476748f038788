// The erase rules: a removal seen live erases whatever this device holds and asks the relay when
// syncing; one found at load only where a local copy is left; the relay's answer decides whether
// a pending deletion is finished (one the relay could not be asked, that it did not answer in
// time, or that a proxy answered instead, is kept to retry); pending deletions are kept once per
// meeting, relay and account, sent only to their relay as their account, and a stored list that
// gained one wakes the sender.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { MeetingId } from '../../../crdt/index.ts';
import { addsPending, eraseOutcome, mergePending, planErase, sendableNow } from '../../../extension/data/erase-plan.ts';
import { RelayClientErrorCode, RelayRequestError } from '../../../wire/relay-client.ts';
import { ApiErrorCode } from '../../../sync-server/web/access/access-errors.ts';

const test = suite('erase plan');
const held = 'heldMeetingId0000001' as MeetingId;
const gone = 'goneMeetingId0000002' as MeetingId;
const localDatabases = new Set([`meeting/${held}`, 'library/someSpaceId000001']);
const sync = { relayUrl: 'https://relay.example', accountId: 'account00000000000001' };

test('a removal seen live deletes the local copy there is and asks the relay for every meeting', () => {
  const plan = planErase([held, gone], 'live', { localDatabases, sync });
  assert.equal(plan.localDocs, [`meeting/${held}`]);
  assert.equal(plan.relay.map((p) => p.meetingId), [held, gone]);
  assert.equal(plan.relay[0], { meetingId: held, ...sync });
});

test('a removal found at load acts only where a local copy is left', () => {
  const plan = planErase([held, gone], 'found', { localDatabases, sync });
  assert.equal(plan.localDocs, [`meeting/${held}`]);
  assert.equal(plan.relay.map((p) => p.meetingId), [held]);
  assert.equal(planErase([gone], 'found', { localDatabases, sync }), { localDocs: [], relay: [] });
});

test('without sync nothing is asked of the relay', () => {
  assert.equal(planErase([held], 'live', { localDatabases, sync: null }), { localDocs: [`meeting/${held}`], relay: [] });
});

test("the relay's answer: deleted, never there, not ours or already gone is done; unreachable, busy or signed out is kept", () => {
  assert.is(eraseOutcome(null), 'done', 'deleted');
  // The relay's own answers, with the codes its access gate sends (meeting-deletion.ts).
  const answered = (status: number, code: string) => new RelayRequestError(status, code, 'answered');
  const final = [
    answered(400, ApiErrorCode.invalidDocument),
    answered(403, ApiErrorCode.forbidden),
    answered(404, ApiErrorCode.notFound),
    answered(410, ApiErrorCode.meetingDeleted),
  ];
  for (const error of final) assert.is(eraseOutcome(error), 'done', error.code);
  const kept = [answered(401, ApiErrorCode.unauthenticated), answered(429, ApiErrorCode.rateLimited), answered(500, ApiErrorCode.internal)];
  for (const error of kept) assert.is(eraseOutcome(error), 'retry', error.code);
});

test("a proxy's error page instead of the relay's answer is tried again, whatever its status", () => {
  for (const status of [400, 403, 404, 410, 502]) {
    assert.is(eraseOutcome(new RelayRequestError(status, `http_${status}`, 'a proxy answered')), 'retry', String(status));
  }
});

test('a relay that cannot be reached or does not answer in time is tried again later', () => {
  // As the relay client reports them (tests/wire/relay-client.test.ts makes both happen).
  assert.is(eraseOutcome(new RelayRequestError(0, RelayClientErrorCode.network, 'unreachable')), 'retry');
  assert.is(eraseOutcome(new RelayRequestError(0, RelayClientErrorCode.timeout, 'no answer in time')), 'retry');
  assert.is(eraseOutcome(new TypeError('not a relay error')), 'retry');
});

test('pending deletions are kept once per meeting, relay and account', () => {
  const one = { meetingId: held, ...sync };
  const otherAccount = { ...one, accountId: 'account00000000000002' };
  assert.equal(mergePending([one], [one, otherAccount]), [one, otherAccount]);
});

test('a pending deletion is sent only to the relay it was asked of, as the account that asked', () => {
  const one = { meetingId: held, ...sync };
  const otherAccount = { ...one, accountId: 'account00000000000002' };
  const otherRelay = { ...one, relayUrl: 'https://other.example' };
  assert.equal(sendableNow([one, otherAccount, otherRelay], sync), [one]);
  assert.equal(sendableNow([one], null), [], 'nothing while sync is off or signed out');
});

test('the sender runs for a deletion newly recorded, not for its own removal of finished ones', () => {
  const one = { meetingId: held, ...sync };
  const two = { meetingId: gone, ...sync };
  assert.ok(addsPending(undefined, [one]));
  assert.ok(addsPending([one], [one, two]));
  assert.ok(addsPending([one], [two]));
  assert.not.ok(addsPending([one, two], [two]), 'a removal');
  assert.not.ok(addsPending([one, two], undefined), 'the last removed');
  assert.not.ok(addsPending([one], [{ ...one }]), 'the same deletion recorded again');
});

test.run();
