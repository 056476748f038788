import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AccountId, SessionId, ShareId } from '../../../../sync-server/web/access/access-ids.ts';
import { createTokenCodec, type TokenPayload } from '../../../../sync-server/web/access/token-codec.ts';

const test = suite('token codec');
const NOW = 1_800_000_000_000;
const secret = randomBytes(32);
const codec = createTokenCodec(secret);
const accountToken: TokenPayload = {
  v: 1,
  doc: 'library/AAAAAAAAAAAAAAAAAAAAAA',
  role: 'owner',
  exp: NOW + 60_000,
  acc: 'AAAAAAAAAAAAAAAAAAAAAA' as AccountId,
  sid: 'BBBBBBBBBBBBBBBBBBBBBB' as SessionId,
};
const shareToken: TokenPayload = { v: 1, doc: 'meeting/CCCCCCCCCCCCCCCCCCCCCC', role: 'view', exp: NOW + 60_000, shr: 'DDDDDDDDDDDDDDDDDDDDDD' as ShareId };

test('a signed token verifies and yields its payload', () => {
  for (const payload of [accountToken, shareToken]) {
    const check = codec.verify(codec.sign(payload), NOW);
    assert.equal(check, { ok: true, payload });
  }
});

test('the token is compact: base64url payload, a dot, base64url signature', () => {
  assert.match(codec.sign(accountToken), /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
});

test('a token signed with another secret is forged', () => {
  const other = createTokenCodec(randomBytes(32));
  assert.equal(codec.verify(other.sign(accountToken), NOW), { ok: false, refusal: 'forged' });
});

test('a tampered payload with the original signature is forged', () => {
  const [, signature] = codec.sign(shareToken).split('.');
  const elevated = Buffer.from(JSON.stringify({ ...shareToken, role: 'edit' })).toString('base64url');
  assert.equal(codec.verify(`${elevated}.${signature}`, NOW), { ok: false, refusal: 'forged' });
  const otherDoc = Buffer.from(JSON.stringify({ ...shareToken, doc: 'meeting/EEEEEEEEEEEEEEEEEEEEEE' })).toString('base64url');
  assert.equal(codec.verify(`${otherDoc}.${signature}`, NOW), { ok: false, refusal: 'forged' });
});

test('a token past its expiry is expired, one millisecond before it is valid', () => {
  const token = codec.sign(accountToken);
  assert.equal(codec.verify(token, accountToken.exp), { ok: false, refusal: 'expired' });
  assert.ok(codec.verify(token, accountToken.exp - 1).ok);
});

test('malformed tokens are refused as malformed', () => {
  const valid = codec.sign(accountToken);
  const [body, signature] = valid.split('.');
  const cases = ['', 'abc', '...', `${body}.`, `.${signature}`, `${body}.${signature}.x`, `${body}!.${signature}`, `${body}.${signature?.slice(0, 20)}`, 'x'.repeat(5000)];
  for (const token of cases) assert.equal(codec.verify(token, NOW), { ok: false, refusal: 'malformed' }, token.slice(0, 40));
});

test('a correctly signed payload of the wrong shape is malformed', () => {
  const shapes = [
    { ...accountToken, role: 'admin' },
    { ...accountToken, v: 2 },
    { ...accountToken, exp: 'soon' },
    { v: 1, doc: 'library/AAAAAAAAAAAAAAAAAAAAAA', role: 'owner', exp: NOW + 1000 },
    { ...accountToken, shr: 'DDDDDDDDDDDDDDDDDDDDDD' },
  ];
  for (const shape of shapes) {
    const token = codec.sign(shape as unknown as TokenPayload);
    assert.equal(codec.verify(token, NOW), { ok: false, refusal: 'malformed' }, JSON.stringify(shape));
  }
});

test.run();
