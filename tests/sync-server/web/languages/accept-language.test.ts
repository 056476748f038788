// Accept-Language negotiation, shared by the website and the account page: quality values, a
// region matching its language, refusals by q=0, and anything unknown meaning English.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { negotiateLanguage } from '../../../../sync-server/web/languages/accept-language.ts';

test('negotiation: exact, regional, quality order, refusals and unknowns', () => {
  const cases: [string | undefined, string][] = [
    ['de', 'de'],
    ['de-AT', 'de'],
    ['DE-at,en;q=0.5', 'de'],
    ['fr-CA, fr;q=0.9, en;q=0.8', 'fr'],
    ['en;q=0.4, ja;q=0.9', 'ja'],
    ['es-419', 'es'],
    ['pt-BR, es;q=0.7', 'es'],
    ['nl, sv', 'en'],
    ['de;q=0, fr;q=0.1', 'fr'],
    ['*', 'en'],
    ['en;q=0, *', 'de'],
    ['de;q=abc, ja', 'ja'],
    ['de;q=2', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    ['<script>, de', 'de'],
    ['x'.repeat(5000), 'en'],
  ];
  for (const [header, expected] of cases) assert.is(negotiateLanguage(header), expected, String(header).slice(0, 40));
  assert.is(negotiateLanguage(['nl', 'de;q=0.5']), 'de', 'a repeated header is one list');
});

test.run();
