// The top README's operator sections say what a failed start prints and which schema this release
// writes; an operator acts on those words, so they are held to the relay: the error each example
// of a bad start really gets is among the names the README lists (and each listed name is an
// error the relay defines), the TLS paragraph names the error a lone --tls-cert gets, and the
// schema version is the one the migrations reach.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SCHEMA_VERSION } from '../../sync-server/data/migrations.ts';
import { loadServiceConfig } from '../../sync-server/env.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The paragraph that starts with `start` (up to the next blank line). */
function paragraph(start: string): string {
  const at = readme.indexOf(start);
  assert.ok(at >= 0, `README has "${start}"`);
  return readme.slice(at, readme.indexOf('\n\n', at));
}

const errorNames = (text: string) => new Set([...text.matchAll(/`(\w+Error)`/g)].map((m) => m[1]!));

function refusal(argv: readonly string[], env: Record<string, string> = {}): string {
  try {
    loadServiceConfig(argv, env);
  } catch (error) {
    return (error as Error).name;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

function definedErrorNames(dir: string): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const m of text.matchAll(/readonly name(?:: string)? = '(\w+Error)'/g)) names.add(m[1]!);
  }
  return names;
}

const test = suite('README: operator sections');

test('the startup errors the README lists are the ones bad starts get, and exist', () => {
  const listed = errorNames(paragraph('**Startup errors**'));
  const examples = [
    refusal(['--log-level', 'loud']),
    refusal([], { LTM_SMTP_URL: 'notaurl', LTM_PUBLIC_URL: 'https://relay.example' }),
    refusal(['--tls-cert', '/etc/ssl/relay.pem']),
    refusal(['--max-mesage-bytes', '10']),
  ];
  for (const name of examples) assert.ok(listed.has(name), `README's startup errors lack ${name}`);
  const defined = definedErrorNames(join(ROOT, 'sync-server'));
  for (const name of listed) assert.ok(defined.has(name), `README names ${name}, which the relay does not define`);
});

test("the TLS paragraph names the error of a lone --tls-cert", () => {
  assert.ok(errorNames(paragraph('Give both TLS files or neither.')).has(refusal(['--tls-cert', '/etc/ssl/relay.pem'])));
});

test("the README's schema version is the one this relay writes", () => {
  assert.is(/this release's schema is (\d+)/.exec(readme)?.[1], String(SCHEMA_VERSION));
});

test.run();
