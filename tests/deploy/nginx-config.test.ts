// The nginx configurations the docs ship (deploy/nginx-relays.conf and the README's single-relay
// snippet) are not run by the suite, so what matters most is checked on their text: the /sync/
// location, whose upgrade requests carry the document token in their query, writes no access log;
// and since nginx drops every inherited proxy_set_header in a block that sets one of its own,
// each such location of the relays' config sets Host and appends X-Forwarded-For itself (else the
// relays see the upstream's name as Host, and a client's forged X-Forwarded-For unappended).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = join(import.meta.dirname, '../..');

/** The body of `location /sync/ { … }` (its blocks hold no nested braces). */
function syncLocation(config: string): string {
  const body = /location \/sync\/ \{([^}]*)\}/.exec(config)?.[1];
  assert.ok(body !== undefined, 'a location /sync/ block');
  return body;
}

const test = suite('nginx configurations');

test('deploy/nginx-relays.conf keeps /sync/ out of the access log', () => {
  assert.match(syncLocation(readFileSync(join(ROOT, 'deploy/nginx-relays.conf'), 'utf8')), /^\s*access_log off;/m);
});

test('every location of deploy/nginx-relays.conf that sets proxy headers sets Host and X-Forwarded-For too', () => {
  const config = readFileSync(join(ROOT, 'deploy/nginx-relays.conf'), 'utf8');
  const blocks = [...config.matchAll(/location ([^{]+)\{([^}]*)\}/g)].filter((m) => m[2]!.includes('proxy_set_header'));
  assert.ok(blocks.length > 0, 'a location sets its own proxy headers');
  for (const [, where, body] of blocks) {
    assert.match(body!, /proxy_set_header Host \$host;/, `location ${where!.trim()} lacks Host`);
    assert.match(body!, /proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/, `location ${where!.trim()} lacks X-Forwarded-For`);
  }
});

test("the README's nginx snippet keeps /sync/ out of the access log", () => {
  const snippet = /```nginx\n([\s\S]*?)```/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1] ?? '';
  assert.match(syncLocation(snippet), /^\s*access_log off;/m);
});

test.run();
