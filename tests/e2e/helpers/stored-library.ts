// What this browser profile and the relay keep of a library, as text, so a test can look for what
// was deleted for good: every row of the library's IndexedDB log with the side panel's list
// snapshot, and every stored row of the relay's library documents.
import type { Page } from 'playwright-core';
import type { SqliteDatabase } from '../../../sync-server/relay/storage/sqlite-database.ts';

// A string script: tsx would name the helpers inside a function, and the page has no `__name`.
const STORED_LIBRARY_TEXT = `(async () => {
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const names = (await indexedDB.databases()).flatMap((db) => (db.name && db.name.startsWith('library/') ? [db.name] : []));
  let text = JSON.stringify({ ...localStorage });
  for (const name of names) {
    const db = await request(indexedDB.open(name));
    const rows = await request(db.transaction('updates').objectStore('updates').getAll());
    db.close();
    text += rows.map((row) => new TextDecoder().decode(row)).join('\\\\n');
  }
  return text;
})()`;

export function browserLibraryText(page: Page): Promise<string> {
  return page.evaluate(STORED_LIBRARY_TEXT) as Promise<string>;
}

export function relayLibraryText(db: SqliteDatabase): string {
  const rows = db.prepare("SELECT data FROM updates WHERE doc LIKE 'library/%'").all() as { data: Buffer }[];
  return rows.map((row) => row.data.toString('utf8')).join('\n');
}
