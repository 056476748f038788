// The layout's rules, checked on every source file's imports: wire/ imports nothing of the
// project; crdt/ only wire/; extension/ and sync-server/ never import each other, and outside
// themselves reach only into wire/ and crdt/ (never scripts/, tests/ or bench/); the relay half
// never imports the web half, and the web half uses the relay only through type-only imports of
// the interfaces it implements. A new import that breaks a rule fails here with its file and line.
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, sourceFiles } from './source-files.ts';

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/gm;

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
  readonly line: number;
}

function edgesOf(file: string): Edge[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => ({
    from: file,
    to: relative(ROOT, resolve(ROOT, file, '..', m[3] ?? m[4]!)),
    typeOnly: m[2] !== undefined,
    line: text.slice(0, m.index).split('\n').length,
  }));
}

const edges = ['wire', 'crdt', 'extension', 'sync-server'].flatMap(sourceFiles).flatMap(edgesOf);
const within = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);
const show = (bad: readonly Edge[]) => bad.map((e) => `${e.from}:${e.line} imports ${e.to}`).join('\n');

const test = suite('import boundaries');

test('the scan sees the source tree', () => {
  assert.ok(edges.length > 300, `only ${edges.length} imports found`);
});

test('wire/ imports nothing outside itself', () => {
  const bad = edges.filter((e) => within(e.from, 'wire') && !within(e.to, 'wire'));
  assert.is(show(bad), '');
});

test('crdt/ imports only itself and wire/', () => {
  const bad = edges.filter((e) => within(e.from, 'crdt') && !within(e.to, 'crdt') && !within(e.to, 'wire'));
  assert.is(show(bad), '');
});

test('extension/ and sync-server/ never import each other', () => {
  const bad = edges.filter(
    (e) => (within(e.from, 'extension') && within(e.to, 'sync-server')) || (within(e.from, 'sync-server') && within(e.to, 'extension')),
  );
  assert.is(show(bad), '');
});

test('extension/ and sync-server/ reach outside themselves only into wire/ and crdt/', () => {
  const bad = edges.filter((e) =>
    ['extension', 'sync-server'].some((side) => within(e.from, side) && !within(e.to, side) && !within(e.to, 'wire') && !within(e.to, 'crdt')),
  );
  assert.is(show(bad), '');
});

test('the relay never imports the web half', () => {
  const bad = edges.filter((e) => within(e.from, 'sync-server/relay') && within(e.to, 'sync-server/web'));
  assert.is(show(bad), '');
});

test('the web half uses the relay only through type-only imports', () => {
  const bad = edges.filter((e) => within(e.from, 'sync-server/web') && within(e.to, 'sync-server/relay') && !e.typeOnly);
  assert.is(show(bad), '');
});

test.run();
