// Two profiles signed in to one account: a meeting made on one appears on the other, edits flow
// both ways live, and edits made while one device is offline converge after it reconnects; a
// meeting deleted on one goes to the trash on the other, and a restore there brings it back.
// Meetings made before a sign-in join the account, also when the sign-in wakes a stopped worker.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { launchExtension } from './helpers/extension-browser.ts';
import { createMeeting, eventually, msg, openMeeting, signIn } from './helpers/extension-flows.ts';
import { shoot } from './helpers/screenshots.ts';
import { twoDevices, type TwoDevices } from './helpers/two-devices.ts';
import { guardedSetup } from './helpers/guarded-setup.ts';

const test = suite<{ devices: TwoDevices | null }>('e2e two devices', { devices: null });

guardedSetup(test, async (ctx) => {
  ctx.devices = await twoDevices();
});

test.after(async (ctx) => {
  await ctx.devices?.close();
});

const meetingTitle = (p: Page) => p.getByLabel(msg('meetingTitleLabel'), { exact: true });
const itemTitle = (p: Page, n: number) => p.getByLabel(msg('agendaTitleLabel', n), { exact: true });

test('a meeting made on A appears on B; edits flow both ways; offline edits converge', async ({ devices }) => {
  const { a, b } = devices!;
  const panelA = await a.page('side-panel/index.html');
  const id = await createMeeting(panelA, 'Planning across devices', 'Daily standup');

  const panelB = await b.page('side-panel/index.html');
  await panelB.getByText('Planning across devices').first().waitFor({ timeout: 20_000 });
  await openMeeting(panelB, id);
  await eventually(async () => (await itemTitle(panelB, 3).inputValue()) === 'Blockers', 'agenda on B');

  await meetingTitle(panelA).fill('Planning, edited on A');
  await eventually(async () => (await meetingTitle(panelB).inputValue()) === 'Planning, edited on A', 'A→B edit');
  await itemTitle(panelB, 2).fill('Today, edited on B');
  await eventually(async () => (await itemTitle(panelA, 2).inputValue()) === 'Today, edited on B', 'B→A edit');

  await b.context.setOffline(true);
  await panelB.getByText(msg('syncOffline')).first().waitFor({ timeout: 20_000 });
  await itemTitle(panelB, 1).fill('Yesterday, edited offline on B');
  await itemTitle(panelA, 3).fill('Blockers, edited on A meanwhile');
  await shoot(panelB, 'two-devices-b-offline');
  assert.is(await itemTitle(panelA, 1).inputValue(), 'Yesterday', 'B was really offline');

  await b.context.setOffline(false);
  await eventually(async () => (await itemTitle(panelA, 1).inputValue()) === 'Yesterday, edited offline on B', 'B offline edit on A');
  await eventually(async () => (await itemTitle(panelB, 3).inputValue()) === 'Blockers, edited on A meanwhile', 'A edit on B');
  await panelB.getByText(msg('syncSynced')).first().waitFor({ timeout: 20_000 });
  for (const panel of [panelA, panelB]) {
    assert.equal(
      await Promise.all([1, 2, 3].map((n) => itemTitle(panel, n).inputValue())),
      ['Yesterday, edited offline on B', 'Today, edited on B', 'Blockers, edited on A meanwhile'],
    );
  }
});

test('meetings made before the first sign-in join the account and reach the other device', async ({ devices }) => {
  const { relay, b } = devices!;
  const c = await launchExtension();
  try {
    const panelC = await c.page('side-panel/index.html');
    const id = await createMeeting(panelC, 'Made before signing in', 'Retrospective');
    await itemTitle(panelC, 1).fill('Set the stage, offline');
    await (await signIn(c, relay.httpUrl, devices!.who)).close();
    // The account's library now lists it on C itself, merged, not replaced.
    await panelC.evaluate(() => (location.hash = '#/'));
    await panelC.getByText('Made before signing in').first().waitFor({ timeout: 20_000 });
    await panelC.getByText('Planning, edited on A').first().waitFor({ timeout: 20_000 });

    // The panel that stayed open through the sign-in lists what it makes in the account's library.
    await createMeeting(panelC, 'Made after signing in, same panel');

    const panelB = await b.page('side-panel/index.html');
    await panelB.getByText('Made before signing in').first().waitFor({ timeout: 20_000 });
    await panelB.getByText('Made after signing in, same panel').first().waitFor({ timeout: 20_000 });
    await openMeeting(panelB, id);
    await eventually(async () => (await itemTitle(panelB, 1).inputValue()) === 'Set the stage, offline', 'claimed meeting content on B');
  } finally {
    await c.close(true);
  }
});

test('a sign-in that wakes the stopped service worker still brings the meetings made before it to the relay', async ({ devices }) => {
  const { relay, b } = devices!;
  const d = await launchExtension();
  try {
    const panelD = await d.page('side-panel/index.html');
    const id = await createMeeting(panelD, 'Made while nothing else ran', 'Retrospective');
    await itemTitle(panelD, 1).fill('Set the stage, before the worker slept');
    // Only the options page stays open, and the worker is stopped while the person fills in the
    // form, as when it takes longer than the worker's idle timeout.
    await panelD.close();
    const options = await d.page('options/index.html');
    await options.getByLabel(msg('optRelayUrl')).fill(relay.httpUrl);
    await options.getByLabel(msg('optEmail')).fill(devices!.who.email);
    await options.getByLabel(msg('optPassword')).fill(devices!.who.password);
    const cdp = await d.context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await options.getByRole('button', { name: msg('optSignIn') }).click();
    await options.getByText(msg('optSignedInAs', devices!.who.email)).waitFor({ timeout: 20_000 });

    const panelB = await b.page('side-panel/index.html');
    await panelB.getByText('Made while nothing else ran').first().waitFor({ timeout: 20_000 });
    await openMeeting(panelB, id);
    await eventually(async () => (await itemTitle(panelB, 1).inputValue()) === 'Set the stage, before the worker slept', 'claimed by the woken worker');
  } finally {
    await d.close(true);
  }
});

test('a meeting deleted on A leaves the library of B for its trash; restored on B, it is back on A', async ({ devices }) => {
  const { a, b } = devices!;
  const panelA = await a.page('side-panel/index.html');
  await createMeeting(panelA, 'Deleted across devices', 'Daily standup');
  const panelB = await b.page('side-panel/index.html');
  const linkOn = (p: Page) => p.getByRole('link', { name: /^Deleted across devices/ });
  await linkOn(panelB).waitFor({ timeout: 20_000 });

  await panelA.evaluate(() => (location.hash = '#/'));
  await panelA.getByRole('button', { name: msg('libraryDeleteLabel', 'Deleted across devices') }).click();
  await linkOn(panelB).waitFor({ state: 'detached', timeout: 20_000 });
  await panelB.evaluate(() => (location.hash = '#/trash'));
  const row = panelB.locator('[data-trash]', { hasText: 'Deleted across devices' });
  await row.waitFor({ timeout: 20_000 });
  await shoot(panelB, 'two-devices-b-trash');

  await row.getByRole('button', { name: msg('libraryTrashRestoreLabel', 'Deleted across devices') }).click();
  await linkOn(panelA).waitFor({ timeout: 20_000 });
  // Nothing is left in the trash on A either: its link shows no count.
  await eventually(async () => (await panelA.locator('a.trash-link').textContent())?.trim() === msg('libraryTrash'), 'the trash of A emptied');
});

test.run();
