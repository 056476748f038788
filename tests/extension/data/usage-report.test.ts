// The usage sender against a real relay serving the website: with the switch off or no relay
// it makes no request at all; on, one POST stores one count; an unreachable relay or a refusal
// never reaches the caller. The uninstall page is set only while the switch is on.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { eventsUrl, postUsageEvent, uninstallUrl } from '../../../extension/data/usage-report.ts';
import { utcDay } from '../../../sync-server/web/website/usage-counts.ts';
import { startWebsiteRelay, type WebsiteRelay } from '../../sync-server/web/website/website-relay.ts';

const Report = suite<{ site: WebsiteRelay | null }>('usage report', { site: null });

Report.before(async (ctx) => {
  ctx.site = await startWebsiteRelay();
});
Report.after(async (ctx) => {
  await ctx.site?.close();
});

function counts(site: WebsiteRelay): unknown[] {
  return site.db.prepare('SELECT day, event, version, count FROM usage_counts ORDER BY event').all();
}

Report('where events and the uninstall page go, and when they go nowhere', () => {
  const on = { usageCounts: true, relayUrl: 'https://relay.example.org/ ' };
  assert.is(eventsUrl(on), 'https://relay.example.org/events');
  assert.is(uninstallUrl(on, '1.2.3'), 'https://relay.example.org/uninstalled?v=1.2.3');
  assert.is(eventsUrl({ ...on, usageCounts: false }), null);
  assert.is(uninstallUrl({ ...on, usageCounts: false }, '1.2.3'), '', "'' clears Chrome's uninstall URL");
  assert.is(eventsUrl({ usageCounts: true, relayUrl: '  ' }), null);
  assert.is(uninstallUrl({ usageCounts: true, relayUrl: '' }, '1.2.3'), '');
});

Report('off sends nothing; on stores exactly one count per event', async ({ site }) => {
  assert.ok(site);
  await postUsageEvent({ usageCounts: false, relayUrl: site.url }, '0.1.0', 'meeting_started');
  assert.equal(counts(site), []);
  await postUsageEvent({ usageCounts: true, relayUrl: site.url }, '0.1.0', 'meeting_started');
  await postUsageEvent({ usageCounts: true, relayUrl: site.url }, '0.1.0', 'meeting_started');
  await postUsageEvent({ usageCounts: true, relayUrl: site.url }, '0.1.0', 'notes_created');
  const day = utcDay(Date.now());
  assert.equal(counts(site), [
    { day, event: 'meeting_started', version: '0.1.0', count: 2 },
    { day, event: 'notes_created', version: '0.1.0', count: 1 },
  ]);
});

Report('off makes no request at all, even to a listening server', async () => {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await postUsageEvent({ usageCounts: false, relayUrl: url }, '0.1.0', 'installed');
    assert.is(requests, 0);
    await postUsageEvent({ usageCounts: true, relayUrl: url }, '0.1.0', 'installed');
    assert.is(requests, 1, 'the same server does see a request once the switch is on');
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

Report('a refused or unreachable relay resolves quietly', async ({ site }) => {
  assert.ok(site);
  await postUsageEvent({ usageCounts: true, relayUrl: site.url }, 'not a version', 'installed');
  assert.equal(counts(site).filter((row) => (row as { event: string }).event === 'installed'), []);
  // Port 1 on loopback refuses connections.
  await postUsageEvent({ usageCounts: true, relayUrl: 'http://127.0.0.1:1' }, '0.1.0', 'installed');
});

Report.run();
