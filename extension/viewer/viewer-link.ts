// What a share link says: the meeting from the path (/m/<meetingId>) and the token from the
// fragment, which browsers never send to a server. The token's payload is read, not verified:
// its role only decides which controls the page offers; the relay checks every socket and
// refuses a viewer's writes whatever this page believes.
// The data model's two small modules, not its index: the page's early script (early-start.ts)
// reads the link and must not wait for Yjs.
import { meetingDocName } from '../../crdt/doc-names.ts';
import { parseId, type MeetingId } from '../../crdt/ids.ts';
import { ViewerRoutes } from '../../wire/viewer-routes.ts';

export type LinkRole = 'view' | 'edit' | 'owner';

/** Why the page cannot show the meeting: read from the link, or from the relay's close. */
export type LinkProblem = 'missing' | 'invalid' | 'expired' | 'revoked' | 'forbidden' | 'full' | 'tooLarge';

export type ViewerLink =
  | { readonly kind: 'ok'; readonly meetingId: MeetingId; readonly docName: string; readonly token: string; readonly role: LinkRole }
  | { readonly kind: 'problem'; readonly problem: LinkProblem };

const ROLES: readonly LinkRole[] = ['view', 'edit', 'owner'];

function decodeBase64Url(text: string): string | null {
  try {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function tokenClaims(token: string): { readonly doc: string; readonly role: LinkRole } | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const json = decodeBase64Url(body);
  if (json === null) return null;
  try {
    const claims = JSON.parse(json) as { doc?: unknown; role?: unknown };
    if (typeof claims.doc !== 'string' || !ROLES.includes(claims.role as LinkRole)) return null;
    return { doc: claims.doc, role: claims.role as LinkRole };
  } catch {
    return null;
  }
}

export function readViewerLink(pathname: string, hash: string): ViewerLink {
  const meetingId = pathname.startsWith(ViewerRoutes.pagePrefix) ? parseId<MeetingId>(pathname.slice(ViewerRoutes.pagePrefix.length)) : null;
  if (meetingId === null) return { kind: 'problem', problem: 'invalid' };
  const token = hash.replace(/^#/, '').trim();
  if (token === '') return { kind: 'problem', problem: 'missing' };
  const claims = tokenClaims(token);
  const docName = meetingDocName(meetingId);
  if (claims === null || claims.doc !== docName) return { kind: 'problem', problem: 'invalid' };
  return { kind: 'ok', meetingId, docName, token, role: claims.role };
}

export function canEdit(role: LinkRole): boolean {
  return role !== 'view';
}
