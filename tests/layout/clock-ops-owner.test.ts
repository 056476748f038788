// Only LiveMeeting calls the data model's clock operations in the extension, so every context
// (side panel, popup, background, overlay, viewer) runs the clock the same way. The operations
// are read from crdt/clock-ops.ts itself, so a new one is covered without editing this suite.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as clockOps from '../../crdt/clock-ops.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const OWNER = 'extension/live/live-meeting.ts';
const test = suite('clock operations have one caller');

const names = Object.entries(clockOps).filter(([, value]) => typeof value === 'function').map(([name]) => name);

test('crdt/clock-ops.ts exports the commands', () => {
  for (const name of ['startMeeting', 'nextItem', 'extendItem', 'toggleClock', 'jumpToItem', 'endMeeting']) assert.ok(names.includes(name), name);
});

test(`no extension module but ${OWNER} names a clock operation`, () => {
  const uses = new RegExp(`\\b(${names.join('|')})\\b`);
  const files = readdirSync(join(ROOT, 'extension'), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|svelte)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
  assert.ok(files.includes(OWNER));
  const offenders = files
    .filter((file) => file !== OWNER)
    .flatMap((file) => readFileSync(join(ROOT, file), 'utf8').split('\n').filter((line) => uses.test(line)).map((line) => `${file}: ${line.trim()}`));
  assert.equal(offenders, []);
});

test.run();
