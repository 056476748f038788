// "Export all of your data" as one zip: every document the relay holds for the account (its library
// and each meeting it owns) as JSON whose `update` loads into a new Y.Doc with the same state, each
// meeting's minutes as Markdown, and account.json with the account's records. Secrets stay out:
// no password hash, no session token or hash, no share token (a share's link is a credential).
import { setImmediate as nextTurn } from 'node:timers/promises';
import { strToU8, zipSync, type Zippable } from 'fflate';
import * as Y from 'yjs';
import { meetingMarkdown } from '../../../crdt/meeting-markdown.ts';
import type { AccessContext } from './access-context.ts';
import { documentsOf, type AccountRow, type MeetingRow } from './access-records.ts';
import { loadStoredDoc, meetingTitle, type StoredDoc } from './stored-documents.ts';

export const EXPORT_FORMAT = 1 as const;
const SLUG_MAX = 48;
// Minutes are rendered on the relay, which does not know the reader's zone; UTC says so plainly.
const MARKDOWN_TIME_ZONE = 'UTC';

export interface DocumentExport {
  readonly name: string;
  /** Base64 of Y.encodeStateAsUpdate: the whole document, loadable with Y.applyUpdate. */
  readonly update: string;
  /** The same state as plain JSON, for reading without Yjs. */
  readonly content: unknown;
}

export function titleSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_MAX)
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'meeting' : slug;
}

function documentJson(stored: StoredDoc): Uint8Array {
  const body: DocumentExport = {
    name: stored.name,
    update: Buffer.from(Y.encodeStateAsUpdate(stored.doc)).toString('base64'),
    content: stored.doc.toJSON(),
  };
  return strToU8(`${JSON.stringify(body, null, 2)}\n`);
}

async function accountJson(
  ctx: AccessContext,
  account: AccountRow,
  meetings: readonly MeetingRow[],
  titles: ReadonlyMap<string, string>,
  now: number,
): Promise<Uint8Array> {
  const id = account.account_id;
  const sessions = await ctx.records.liveSessionsOf(id, now);
  const connectedSignIns = await ctx.records.connectedSignInsOf(id);
  const shares = await ctx.records.sharesOfAccount(id);
  const body = {
    format: EXPORT_FORMAT,
    exportedAt: now,
    account: { accountId: id, email: account.email, name: account.name, createdAt: account.created_at },
    sessions: sessions.map((s) => ({ sessionId: s.session_id, createdAt: s.created_at, lastUsedAt: s.last_used_at, expiresAt: s.expires_at })),
    meetings: meetings.map((m) => ({ meetingId: m.meeting_id, title: titles.get(m.meeting_id) ?? null, claimedAt: m.claimed_at })),
    connectedSignIns: connectedSignIns.map((i) => ({
      issuer: i.issuer,
      subject: i.subject,
      email: i.email,
      name: i.name,
      linkedAt: i.linked_at,
    })),
    shares: shares.map((s) => ({
      shareId: s.share_id,
      meetingId: s.meeting_id,
      role: s.role,
      label: s.label,
      createdAt: s.created_at,
      expiresAt: s.expires_at,
      revokedAt: s.revoked_at,
    })),
  };
  return strToU8(`${JSON.stringify(body, null, 2)}\n`);
}

export async function exportAccount(ctx: AccessContext, account: AccountRow, now: number): Promise<Uint8Array> {
  const id = account.account_id;
  const meetings = await ctx.records.meetingsOf(id);
  const names = documentsOf(id, meetings);
  const files: Zippable = {};
  const titles = new Map<string, string>();
  for (const name of names) {
    const stored = await loadStoredDoc(ctx.store, name);
    if (stored === null) continue;
    files[`documents/${stored.kind}/${stored.id}.json`] = documentJson(stored);
    if (stored.kind === 'meeting') {
      const title = meetingTitle(stored.doc, now);
      titles.set(stored.id, title);
      const markdown = meetingMarkdown(stored.doc, { now, timeZone: MARKDOWN_TIME_ZONE });
      files[`meetings/${titleSlug(title)}-${stored.id}.md`] = strToU8(markdown);
    }
    stored.doc.destroy();
    // A large account takes a few ms per meeting; let the relay serve its sockets in between.
    await nextTurn();
  }
  files['account.json'] = await accountJson(ctx, account, meetings, titles, now);
  return zipSync(files, { level: 6, mtime: new Date(now) });
}
