// The privacy page cannot drift from the code: every table in the relay's live SQLite schema
// (document store, access control and website, created by a real relay) is described on the
// page with every one of its columns, and the page describes no table that does not exist.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RELAY_TABLES } from '../../../../sync-server/web/website/privacy-facts.ts';
import { Routes } from '../../../../wire/website-routes.ts';
import { startWebsiteRelay, type WebsiteRelay } from './website-relay.ts';

const Privacy = suite<{ site: WebsiteRelay | null; page: string }>('privacy page', { site: null, page: '' });

Privacy.before(async (ctx) => {
  ctx.site = await startWebsiteRelay();
  const res = await fetch(new URL(Routes.privacy, ctx.site.url));
  assert.is(res.status, 200);
  ctx.page = await res.text();
});
Privacy.after(async (ctx) => {
  await ctx.site?.close();
});

function liveTables(site: WebsiteRelay): string[] {
  const rows = site.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return rows.map((row) => row.name);
}

function liveColumns(site: WebsiteRelay, table: string): string[] {
  return (site.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

Privacy('every table of the relay database is on the page, with every column', ({ site, page }) => {
  assert.ok(site);
  const tables = liveTables(site);
  assert.ok(tables.length >= 8, `tables: ${tables.join(', ')}`);
  for (const table of tables) {
    const section = new RegExp(`<section class="stored-table" id="${table}">([\\s\\S]*?)</section>`).exec(page)?.[1];
    assert.ok(section, `the privacy page has no section for table ${table}`);
    for (const column of liveColumns(site, table)) {
      assert.ok(section.includes(`<td><code>${column}</code></td>`), `the privacy page does not explain ${table}.${column}`);
    }
  }
});

Privacy('the page describes only tables and columns that exist', ({ site }) => {
  assert.ok(site);
  const tables = new Set(liveTables(site));
  for (const described of RELAY_TABLES) {
    assert.ok(tables.has(described.name), `the page describes ${described.name}, which the relay does not have`);
    assert.equal([...described.columns], liveColumns(site, described.name), `columns of ${described.name}`);
  }
});

Privacy('the page names what the extension keeps in the browser', ({ page }) => {
  for (const key of ['settings', 'actorId', 'activeMeeting', 'clockOffset', 'overlayPosition', 'IndexedDB']) {
    assert.ok(page.includes(key), `the privacy page does not mention ${key}`);
  }
});

Privacy.run();
