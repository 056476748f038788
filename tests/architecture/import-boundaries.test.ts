// The layout's import rules (DESIGN.md "Top-level layout"): wire/ imports nothing of the others
// and crdt/ only wire/'s id pattern; extension/ and sync-server/ never import each other, and
// across their own boundary reach only into wire/ and crdt/.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { posix } from 'node:path';
import { importsOf, sourceFiles, type SourceFile } from './source-files.ts';

const ALLOWED: Record<string, readonly string[]> = {
  crdt: ['crdt', 'wire'],
  wire: ['wire'],
  extension: ['extension', 'crdt', 'wire'],
  'sync-server': ['sync-server', 'crdt', 'wire'],
};

/** "file imports target" for every relative import that leaves the folders its own may reach. */
export function boundaryViolations(files: readonly SourceFile[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const own = file.path.split('/')[0]!;
    for (const specifier of importsOf(file.text)) {
      if (!specifier.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file.path), specifier));
      const top = target.split('/')[0]!;
      if (top === '..' || !ALLOWED[own]!.includes(top)) found.push(`${file.path} imports ${target}`);
    }
  }
  return found;
}

const test = suite('import boundaries');

test('the checker sees a violation of each kind', () => {
  const files: SourceFile[] = [
    { path: 'extension/data/x.ts', text: "import { a } from '../../sync-server/relay/relay.ts';" },
    { path: 'sync-server/web/y.ts', text: "export { b } from '../../extension/viewer/viewer-link.ts';" },
    { path: 'wire/z.ts', text: "import type { C } from '../crdt/ids.ts';" },
    { path: 'crdt/v.ts', text: "import { e } from '../extension/live/live-meeting.ts';" },
    { path: 'crdt/w.ts', text: "const m = await import('../scripts/pack-extension.ts');" },
    { path: 'extension/ok.ts', text: "import { d } from '../wire/roles.ts';\nimport * as Y from 'yjs';\nimport '../crdt/index.ts';" },
  ];
  assert.equal(boundaryViolations(files), [
    'extension/data/x.ts imports sync-server/relay/relay.ts',
    'sync-server/web/y.ts imports extension/viewer/viewer-link.ts',
    'wire/z.ts imports crdt/ids.ts',
    'crdt/v.ts imports extension/live/live-meeting.ts',
    'crdt/w.ts imports scripts/pack-extension.ts',
  ]);
});

for (const folder of Object.keys(ALLOWED)) {
  test(`${folder}/ imports only ${ALLOWED[folder]!.join(', ')}`, () => {
    const files = sourceFiles(folder);
    assert.ok(files.length > 5, `found the sources of ${folder}/`);
    assert.equal(boundaryViolations(files), []);
  });
}

test.run();
