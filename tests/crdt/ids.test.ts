import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ID_PATTERN, isId, libraryDocName, meetingDocName, newId, parseId } from '../../crdt/index.ts';
import type { MeetingId, SpaceId } from '../../crdt/index.ts';
import { parseDocName } from '../../wire/doc-name.ts';
import { seededRandom } from './helpers.ts';

test('newId: 22 base64url characters from 16 random bytes', () => {
  const random = seededRandom(7);
  const ids = new Set<string>();
  for (let i = 0; i < 500; i++) {
    const id: MeetingId = newId(random);
    assert.is(id.length, 22);
    assert.ok(ID_PATTERN.test(id), id);
    ids.add(id);
  }
  assert.is(ids.size, 500);
});

test('newId: encodes the bytes exactly (all-zero and all-one bytes)', () => {
  assert.is(newId(() => new Uint8Array(16)), 'AAAAAAAAAAAAAAAAAAAAAA');
  assert.is(newId(() => new Uint8Array(16).fill(255)), '_____________________w');
});

test('newId: refuses a random source that returns too few bytes', () => {
  assert.throws(() => newId(() => new Uint8Array(4)), /random bytes/);
});

test('parseId and isId accept only well-formed ids', () => {
  assert.is(parseId('short'), null);
  assert.is(parseId('has spaces in it, too many'), null);
  assert.is(parseId(42), null);
  assert.is(parseId('AAAAAAAAAAAAAAAAAAAAAA'), 'AAAAAAAAAAAAAAAAAAAAAA');
  assert.ok(isId('abcdefghijklmnop'));
});

test('doc names are the relay room names and parse back', () => {
  const random = seededRandom(3);
  const space: SpaceId = newId(random);
  const meeting: MeetingId = newId(random);
  assert.is(libraryDocName(space), `library/${space}`);
  assert.is(meetingDocName(meeting), `meeting/${meeting}`);
  assert.equal(parseDocName(meetingDocName(meeting)), { kind: 'meeting', id: meeting, name: `meeting/${meeting}` });
  assert.equal(parseDocName(libraryDocName(space))?.kind, 'library');
});

test.run();
