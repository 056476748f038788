// sync-server/README.md is the operator's reference: its settings, routes and metrics sections are
// exactly what scripts/relay-readme.ts generates (from the schema, the OpenAPI document and the
// metrics registry), and it names every close code and every file of the data directory.
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CloseCode } from '../../wire/close-codes.ts';
import { serviceDefaults } from '../../sync-server/config.ts';
import { DATABASE_FILE } from '../../sync-server/relay/storage/sqlite-database.ts';
import { RELAY_README, withGeneratedSections } from '../../scripts/relay-readme.ts';

const test = suite('relay README');
const readme = readFileSync(RELAY_README, 'utf8');

test('the generated sections equal what the generator prints (run npm run docs:relay after a change)', () => {
  assert.fixture(readme, withGeneratedSections(readme));
});

test('every close code is in the close-code table', () => {
  for (const [name, code] of Object.entries(CloseCode)) {
    assert.ok(readme.includes(`| ${code} | ${name} |`), `${code} ${name}`);
  }
});

test('every file of the data directory is described', () => {
  const { access, website } = serviceDefaults();
  for (const file of [DATABASE_FILE, access.secretFileName, website.statsTokenFileName, website.outboxFileName]) {
    assert.ok(readme.includes(`| \`${file}\` |`), file);
  }
});

test('no stale claims: limits live in settings, not in config.ts; the CSP names img-src', () => {
  assert.not.ok(readme.includes('fields of `defaults` in `config.ts`'));
  assert.ok(readme.includes("img-src 'self'"));
});

test.run();
