// Address validation: what a person types that can receive mail passes (normalised to lower
// case), everything else gets a message saying what to fix.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkEmail } from '../../../../sync-server/web/website/email-address.ts';

test('real-looking addresses pass, trimmed and lower-cased', () => {
  const cases = [
    ['ana@example.com', 'ana@example.com'],
    ['  Ana.Lima+ltm@Mail.Example.CO.UK ', 'ana.lima+ltm@mail.example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['x@a-b.io', 'x@a-b.io'],
  ] as const;
  for (const [input, expected] of cases) assert.equal(checkEmail(input), { ok: true, email: expected }, input);
});

test('broken addresses are refused with a reason', () => {
  const cases = [
    '',
    '   ',
    'ana',
    '@example.com',
    'ana@',
    'ana@@example.com',
    'ana@localhost',
    'ana@-example.com',
    'ana@example-.com',
    'ana@exa_mple.com',
    'ana@example..com',
    'a na@example.com',
    'ana<b>@example.com',
    `${'a'.repeat(250)}@example.com`,
  ];
  for (const input of cases) {
    const result = checkEmail(input);
    assert.is(result.ok, false, input);
    if (!result.ok) assert.ok(result.message.length > 10, input);
  }
});

test.run();
