// Only LiveMeeting calls the data model's clock operations in the extension, so every context
// (side panel, popup, background, overlay, viewer) runs the clock the same way. The operations
// are read from crdt/clock-ops.ts itself, so a new one is covered without editing this suite.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as clockOps from '../../crdt/clock-ops.ts';
import { sourceFiles } from './source-files.ts';

const OWNER = 'extension/live/live-meeting.ts';
const test = suite('clock operations have one caller');

const names = Object.keys(clockOps).filter((name) => typeof (clockOps as Record<string, unknown>)[name] === 'function');

test('crdt/clock-ops.ts exports the commands', () => {
  for (const name of ['startMeeting', 'nextItem', 'extendItem', 'toggleClock', 'jumpToItem', 'endMeeting']) assert.ok(names.includes(name), name);
});

test(`no extension module but ${OWNER} names a clock operation`, () => {
  const uses = new RegExp(`\\b(${names.join('|')})\\b`);
  const offenders = sourceFiles('extension')
    .filter((file) => file.path !== OWNER)
    .flatMap((file) => file.text.split('\n').filter((line) => uses.test(line)).map((line) => `${file.path}: ${line.trim()}`));
  assert.equal(offenders, []);
});

test.run();
