// A meeting deleted for good on one device is erased on another that has it open: device B's
// view of it closes back to the library and says why, and B's own IndexedDB copy is deleted, as
// the relay's is; the title leaves B's library log and the relay's library rows too. Two browser
// profiles signed in to one account on a real relay.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { createMeeting, eventually, msg } from './helpers/extension-flows.ts';
import { browserLibraryText, relayLibraryText } from './helpers/stored-library.ts';
import { twoDevices, type TwoDevices } from './helpers/two-devices.ts';

let devices: TwoDevices | null = null;

test.after(async () => {
  await devices?.close();
});

const localDatabases = (page: Page): Promise<string[]> => page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? ''));

test('deleting forever on device A closes the open meeting on device B and erases its copy there', async () => {
  devices = await twoDevices();
  const { a, b, relay } = devices;
  const panelA = await a.page('side-panel/index.html');
  panelA.setDefaultTimeout(20_000);
  const meetingId = await createMeeting(panelA, 'Retro to forget');
  await panelA.getByText(msg('syncSynced'), { exact: true }).waitFor();

  const panelB = await b.page('side-panel/index.html');
  panelB.setDefaultTimeout(20_000);
  await panelB.getByRole('link', { name: /^Retro to forget/ }).click();
  await panelB.waitForURL(new RegExp(`#/meeting/${meetingId}$`));
  await panelB.getByText(msg('syncSynced'), { exact: true }).waitFor();
  await eventually(async () => (await localDatabases(panelB)).includes(`meeting/${meetingId}`), 'B to hold its own copy');

  await panelA.evaluate(() => (location.hash = '#/'));
  await panelA.getByRole('button', { name: msg('libraryDeleteLabel', 'Retro to forget') }).click();
  await panelA.evaluate(() => (location.hash = '#/trash'));
  await panelA.getByRole('button', { name: msg('libraryTrashForeverLabel', 'Retro to forget') }).click();
  await panelA.locator('[data-trash]', { hasText: 'Retro to forget' }).getByRole('button', { name: msg('libraryTrashForever'), exact: true }).click();

  await panelB.waitForURL(/#\/$/);
  await eventually(async () => ((await panelB.locator('[role="status"][aria-live="polite"]').textContent()) ?? '').includes(msg('meetingErased')), 'B to say why it closed');
  await eventually(async () => !(await localDatabases(panelB)).includes(`meeting/${meetingId}`), "B's copy to be deleted");
  await eventually(async () => (await relay.store.load(`meeting/${meetingId}`)).rowCount === 0, 'the relay to drop it');
  assert.not.ok(await panelB.getByRole('link', { name: /^Retro to forget/ }).isVisible());
  await eventually(async () => !(await browserLibraryText(panelB)).includes('Retro to forget'), "the title to leave B's library log");
  await eventually(async () => !relayLibraryText(relay.db).includes('Retro to forget'), "the title to leave the relay's library rows");
});

test.run();
