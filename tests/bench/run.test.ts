import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderSection, replaceSection } from '../../bench/run.ts';
import type { BenchResult } from '../../bench/bench-result.ts';

const date = new Date(Date.UTC(2026, 10, 26, 1, 2));
const result = (name: string, value: string): BenchResult => ({
  name,
  title: 'T',
  rows: [{ metric: 'a | b', value, target: '< 1 ms', ok: false }, { metric: 'size', value: '1 KiB' }],
  notes: ['n'],
});

test('renderSection: heading, date, machine, a table with escaped cells, notes, markers', () => {
  const s = renderSection(result('x', '2 ms'), date);
  assert.ok(s.startsWith('<!-- bench:x -->\n## x: T\n\n2026-11-26 01:02 UTC · machine: '), s);
  assert.match(s, /cores, Node v\d+/);
  assert.ok(s.includes('| a \\| b | 2 ms | < 1 ms | **no** |'));
  assert.ok(s.includes('| size | 1 KiB |  |  |'));
  assert.ok(s.endsWith('- n\n<!-- /bench:x -->'));
});

test('replaceSection rewrites only the named section and appends new ones', () => {
  let doc = '# Results\n';
  doc = replaceSection(doc, result('one', '1 ms'), date);
  doc = replaceSection(doc, result('two', '2 ms'), date);
  doc = replaceSection(doc, result('one', '9 ms'), date);
  assert.is(doc.split('<!-- bench:one -->').length, 2);
  assert.ok(doc.indexOf('bench:one') < doc.indexOf('bench:two'));
  assert.ok(doc.includes('| a \\| b | 9 ms |'));
  assert.ok(doc.includes('| a \\| b | 2 ms |'));
  assert.not.ok(doc.includes('| a \\| b | 1 ms |'));
});

test.run();
