// The relay's API and socket paths are written once, in wire/api-routes.ts (OpenID sign-in's in
// wire/oidc-sign-in.ts): a path typed out again in the extension, the viewer, the account page or
// the relay's router fails here with its file and line. The OpenAPI document describes the paths
// in its own template form ({shareId}); its contract test ties it to the router.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, sourceFiles } from './source-files.ts';

// A string literal (quotes or backticks) that starts with an API or socket path.
const PATH_LITERAL = /['"`]\/(api\/|sync\b)/;
const ALLOWED = new Set(['wire/api-routes.ts', 'wire/oidc-sign-in.ts']);
const DESCRIPTIONS = 'sync-server/web/openapi/';

const test = suite('wire paths');

test('no API or socket path is written outside wire/', () => {
  const files = ['wire', 'extension', 'sync-server'].flatMap(sourceFiles).filter((f) => !ALLOWED.has(f) && !f.startsWith(DESCRIPTIONS));
  assert.ok(files.length > 200, `only ${files.length} files scanned`);
  const found = files.flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (PATH_LITERAL.test(line) && !/^\s*(\/\/|\*|\/\*\*)/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
  assert.equal(found, [], found.join('\n'));
});

test.run();
