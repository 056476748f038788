// The clients' PKCE matches RFC 7636's own example and the relay's check (openid-client).
import * as client from 'openid-client';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pkceChallenge, randomSecret } from '../../wire/pkce.ts';

const test = suite('pkce');

test('S256 of the RFC 7636 appendix B verifier', async () => {
  assert.is(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
});

test('random verifiers are 43 base64url characters and agree with openid-client', async () => {
  const verifiers = Array.from({ length: 20 }, randomSecret);
  assert.is(new Set(verifiers).size, 20);
  for (const verifier of verifiers) {
    assert.match(verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.is(await pkceChallenge(verifier), await client.calculatePKCECodeChallenge(verifier));
  }
});

test.run();
