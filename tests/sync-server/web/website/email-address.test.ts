// Address validation: what a person types that can receive mail passes (normalised to lower
// case), everything else is refused with the problem the page words (in every language).
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

test('broken addresses are refused with the problem named', () => {
  const cases = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['ana', 'shape'],
    ['@example.com', 'shape'],
    ['ana@', 'shape'],
    ['ana@@example.com', 'localPart'],
    ['ana@localhost', 'noDot'],
    ['ana@-example.com', 'domain'],
    ['ana@example-.com', 'domain'],
    ['ana@exa_mple.com', 'domain'],
    ['ana@example..com', 'domain'],
    ['a na@example.com', 'localPart'],
    ['ana<b>@example.com', 'localPart'],
    [`${'a'.repeat(250)}@example.com`, 'tooLong'],
  ] as const;
  for (const [input, problem] of cases) assert.equal(checkEmail(input), { ok: false, problem }, input);
});

test.run();
