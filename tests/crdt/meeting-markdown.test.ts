import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import {
  addAction, addDecision, createMeeting, endMeeting, formatDuration, itemNotesText, meetingMarkdown, meetingNotesText, meetingView,
  newId, nextItem, startMeeting, updateAction, updateItem, updateMeeting,
} from '../../crdt/index.ts';
import { at, meetingWith, MIN, seededRandom, T0 } from './helpers.ts';

const md = suite('meetingMarkdown');

md('renders title, summary, agenda table, notes, decisions and actions', () => {
  const { doc, items, random } = meetingWith([5, 10]);
  startMeeting(doc, at(T0));
  nextItem(doc, items[0]!, at(T0 + 7 * MIN));
  endMeeting(doc, at(T0 + 12 * MIN));
  meetingNotesText(doc).insert(0, 'Everyone present.');
  itemNotesText(doc, items[1]!)!.insert(0, 'Line one\nLine two');
  addDecision(doc, { random, now: T0, text: 'Ship it', itemId: items[1]! });
  const done = addAction(doc, { random, now: T0, text: 'Write notes', owner: 'Ann', due: '2026-12-01' });
  updateAction(doc, done, { done: true });
  addAction(doc, { random, now: T0, text: 'Book room' });
  const expected = [
    '# Weekly sync',
    '',
    'Nov 26, 2026, 9:00 AM UTC · Planned 15 min · Actual 12 min',
    '',
    '## Agenda',
    '',
    '| # | Item | Owner | Planned | Actual | Notes |',
    '| ---: | --- | --- | ---: | ---: | --- |',
    '| 1 | Item 1 |  | 5 min | 7 min | 2 min over |',
    '| 2 | Item 2 |  | 10 min | 5 min |  |',
    '',
    '## Notes',
    '',
    'Everyone present.',
    '',
    '### 2. Item 2',
    '',
    'Line one  ',
    'Line two',
    '',
    '## Decisions',
    '',
    '- Ship it _(Item 2)_',
    '',
    '## Action items',
    '',
    '- [x] Write notes — **Ann**, due Dec 1, 2026',
    '- [ ] Book room',
    '',
  ].join('\n');
  assert.fixture(meetingMarkdown(doc, { timeZone: 'UTC', locale: 'en-US' }), expected);
});

md('user text is escaped so it renders as typed', () => {
  const random = seededRandom(5);
  const doc = new Y.Doc();
  createMeeting(doc, { id: newId(random), title: '*Q3* | <b>plan</b> #1', now: T0 });
  meetingNotesText(doc).insert(0, '- not a list\n1. not ordered\n# not a heading\n[link](x) &amp; `code`');
  addAction(doc, { random, now: T0, text: 'a_b\nnext line' });
  const out = meetingMarkdown(doc, { timeZone: 'UTC' });
  assert.ok(out.startsWith('# \\*Q3\\* \\| \\<b\\>plan\\</b\\> \\#1\n'), out);
  assert.ok(out.includes('\\- not a list  \n1\\. not ordered  \n\\# not a heading  \n\\[link\\](x) \\&amp; \\`code\\`'), out);
  assert.ok(out.includes('- [ ] a\\_b next line'), out);
  assert.not.ok(out.includes('## Agenda'));
});

md('indented note lines keep their indentation as no-break spaces, never as a code block', () => {
  const doc = new Y.Doc();
  createMeeting(doc, { id: newId(seededRandom(6)), title: 'Plan', now: T0 });
  meetingNotesText(doc).insert(0, '- budget\n    - travel\n\t- rooms\n   \n  1. first');
  const out = meetingMarkdown(doc, { timeZone: 'UTC' });
  const nb = (n: number) => '\u00a0'.repeat(n);
  assert.ok(out.includes(`\\- budget  \n${nb(4)}\\- travel  \n${nb(4)}\\- rooms\n\n${nb(2)}1\\. first`), JSON.stringify(out));
  assert.not.match(out, /^ {4}/m, 'no line opens with four plain spaces (a code block)');
});

md('every kind of line break in titles, owners, actions and decisions stays out of the table and lists', () => {
  const breaks = ['\r\n', '\r', '\n', '\v', '\f', '\u0085', '\u2028', '\u2029'];
  for (const br of breaks) {
    const { doc, items, random } = meetingWith([5, 5]);
    updateMeeting(doc, { title: `Weekly${br}sync` });
    updateItem(doc, items[0]!, { title: `First${br}| injected | row |` });
    updateItem(doc, items[1]!, { owner: `Ann${br}Bo` });
    addDecision(doc, { random, now: T0, text: `Ship${br}it`, itemId: items[0]! });
    addAction(doc, { random, now: T0, text: `Write${br}- fake item`, owner: `Cy${br}Di` });
    itemNotesText(doc, items[0]!)!.insert(0, `one${br}two`);
    startMeeting(doc, at(T0));
    endMeeting(doc, at(T0 + MIN));
    const out = meetingMarkdown(doc, { timeZone: 'UTC' });
    const shown = JSON.stringify(br);
    assert.not.match(out, /[\r\v\f\u0085\u2028\u2029]/, `${shown} reaches the Markdown`);
    const lines = out.split('\n');
    assert.is(lines[0], '# Weekly sync', shown);
    const table = lines.slice(lines.indexOf('## Agenda') + 2, lines.indexOf('## Notes') - 1);
    assert.is(table.length, 4, `${shown} breaks the table: ${JSON.stringify(table)}`);
    for (const row of table) assert.ok(row.startsWith('| ') && row.endsWith(' |'), `${shown}: ${row}`);
    assert.is(table[2], '| 1 | First \\| injected \\| row \\| |  | 5 min | 1 min |  |', shown);
    assert.ok(out.includes('- Ship it _(First \\| injected \\| row \\|)_\n'), `${shown}: ${out}`);
    assert.ok(out.includes('- [ ] Write - fake item — **Cy Di**\n'), `${shown}: ${out}`);
    assert.ok(out.includes('\none  \ntwo\n'), `${shown}: notes keep the line as a hard break`);
  }
});

md('a meeting that never started shows only its plan', () => {
  const { doc } = meetingWith([5]);
  const out = meetingMarkdown(doc, { timeZone: 'UTC' });
  assert.ok(out.includes('Planned 5 min\n'));
  assert.not.ok(out.includes('· Actual'));
  assert.ok(out.includes('| 1 | Item 1 |  | 5 min |  |  |'));
});

md('labels, durations and dates follow the UI language and time zone', () => {
  const { doc, items, random } = meetingWith([5]);
  startMeeting(doc, at(T0));
  nextItem(doc, items[0]!, at(T0 + 6 * MIN));
  addAction(doc, { random, now: T0, text: 'Plan', due: '2026-12-01' });
  const out = meetingMarkdown(doc, { timeZone: 'UTC', locale: 'de-DE', labels: { planned: 'Geplant', actual: 'Tatsächlich', over: 'drüber', agenda: 'Tagesordnung', actions: 'Aufgaben', due: 'fällig', item: 'Punkt' } });
  assert.ok(out.includes('26.11.2026, 09:00 UTC · Geplant 5 Min. · Tatsächlich 6 Min. (1 Min. drüber)'), out);
  assert.ok(out.includes('## Tagesordnung\n\n| # | Punkt | Owner | Geplant | Tatsächlich | Notes |'), out);
  assert.ok(out.includes('## Aufgaben\n\n- [ ] Plan — fällig 01.12.2026'), out);
  const tokyo = meetingMarkdown(doc, { timeZone: 'Asia/Tokyo', locale: 'ja' });
  assert.ok(tokyo.includes('2026/11/26 18:00 JST'), tokyo);
  const newYork = meetingMarkdown(doc, { timeZone: 'America/New_York', locale: 'en-US' });
  assert.ok(newYork.includes('Nov 26, 2026, 4:00 AM EST ·'), 'a reader elsewhere can tell which 4:00 it was');
});

md('formatDuration speaks the locale, with or without Intl.DurationFormat', () => {
  const en = [0, 45, 60, 90, 3600, 3725].map((s) => formatDuration(s));
  assert.equal(en, ['0 sec', '45 sec', '1 min', '1 min, 30 sec', '1 hr', '1 hr, 2 min, 5 sec']);
  assert.is(formatDuration(90, 'de'), '1 Min., 30 Sek.');
  assert.is(formatDuration(-90, 'en', 'narrow'), '1m 30s');
  assert.is(formatDuration(3725, 'ja', 'narrow'), '1h2m5s');
});

md('a meeting whose title was left empty stays empty and is headed with the given "untitled" word', () => {
  const doc = new Y.Doc();
  createMeeting(doc, { id: newId(seededRandom(3)), title: '', now: T0 });
  assert.is(meetingView(doc, T0).title, '');
  assert.is(meetingMarkdown(doc, { labels: { untitled: 'Untitled meeting' } }).split('\n')[0], '# Untitled meeting');
  assert.is(meetingMarkdown(doc, { labels: { untitled: 'Besprechung ohne Titel' } }).split('\n')[0], '# Besprechung ohne Titel');
});

md.run();
