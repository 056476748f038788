// Notes typed together: two devices of one account edit the same meeting's notes in the side
// panel; both keep both people's words, character-merged by the Y.Text binding, and each sees
// the other's cursor labelled with their display name (the awareness user set by the side panel).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { createMeeting, eventually, msg, openMeeting } from './helpers/extension-flows.ts';
import { shoot } from './helpers/screenshots.ts';
import { twoDevices, type TwoDevices } from './helpers/two-devices.ts';

let devices: TwoDevices | null = null;

test.after(async () => {
  await devices?.close();
});

const notes = (p: Page) => p.getByLabel(msg('meetingNotesTitle'), { exact: true });
// The editor's text without the collaborators' caret widgets drawn inside it.
const notesText = (p: Page) =>
  notes(p).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.cm-ySelectionCaret')) caret.remove();
    return (copy.textContent ?? '').replace(/\u2060/g, '');
  });

test('concurrent notes merge and collaborators show with their names', async () => {
  devices = await twoDevices();
  const { a, b, who } = devices;
  const panelA = await a.page('side-panel/index.html');
  const id = await createMeeting(panelA, 'Notes together');
  const panelB = await b.page('side-panel/index.html');
  await panelB.getByText('Notes together').first().waitFor({ timeout: 20_000 });
  await openMeeting(panelB, id);
  await notes(panelB).waitFor({ timeout: 15_000 });

  await notes(panelA).click();
  await panelA.keyboard.type('Alpha from A.');
  await eventually(async () => (await notesText(panelB))?.includes('Alpha from A.'), 'A’s words on B');

  // Both type at once, at opposite ends of the text.
  await notes(panelB).click();
  await panelB.keyboard.press('Control+End');
  await panelA.keyboard.press('Control+Home');
  await Promise.all([panelA.keyboard.type('[A] '), panelB.keyboard.type(' [B]')]);
  const expected = '[A] Alpha from A. [B]';
  await eventually(async () => (await notesText(panelA)) === expected && (await notesText(panelB)) === expected, 'both texts merged');

  // Cursors carry the account's display name, never anything from the email.
  const label = (p: Page) => p.locator('.cm-ySelectionInfo', { hasText: who.name });
  await eventually(async () => (await label(panelA).count()) > 0 && (await label(panelB).count()) > 0, 'each sees the other’s named cursor');
  const local = who.email.split('@')[0]!;
  assert.is(await panelA.locator('.cm-ySelectionInfo', { hasText: local }).count(), 0, 'no cursor shows the email');
  await shoot(panelB, 'collaboration-cursor');
});

test.run();
