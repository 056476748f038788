// Share links grouped by meeting, each with its label when the owner gave one. Titles come from
// the meetings' own documents on the relay, so they are other people's text as far as this page
// knows: shown as text nodes only, as labels are.
import type { MeetingInfo, ShareInfo } from './api.ts';
import { byId, el, formatDate } from './dom.ts';
import type { PageContext } from './page-context.ts';
import { revokeButton } from './revoke-button.ts';

const ROLE_LABEL = { view: 'View only', edit: 'Can edit' } as const;
const UNTITLED = 'Untitled meeting';

function shareState(share: ShareInfo): string {
  if (share.revokedAt !== null) return `revoked ${formatDate(share.revokedAt)}`;
  if (!share.active) return `expired ${formatDate(share.expiresAt)}`;
  return `active until ${formatDate(share.expiresAt)}`;
}

function shareEntry(ctx: PageContext, share: ShareInfo, title: string, status: HTMLElement): HTMLLIElement {
  const named = share.label === null ? '' : ` “${share.label}”`;
  const revoke = share.active
    ? revokeButton(ctx, {
        label: 'Revoke',
        ariaLabel: `Revoke the ${ROLE_LABEL[share.role].toLowerCase()} link${named} to ${title}`,
        path: `/api/shares/${encodeURIComponent(share.shareId)}`,
        done: 'The link is revoked; whoever had it open was disconnected.',
        status,
      })
    : null;
  return el(
    'li',
    { className: share.active ? 'entry' : 'entry inactive', attrs: { 'data-share': share.shareId } },
    el(
      'div',
      {},
      share.label === null ? null : el('strong', { className: 'share-label' }, share.label),
      el('span', { className: `badge ${share.role}` }, ROLE_LABEL[share.role]),
      ' ',
      el('span', { className: 'small' }, `made ${formatDate(share.createdAt)}, ${shareState(share)}`),
    ),
    revoke,
  );
}

export function renderShares(ctx: PageContext, meetings: readonly MeetingInfo[], shares: readonly ShareInfo[]): void {
  const container = byId('shares-list', HTMLDivElement);
  const status = byId('shares-status', HTMLParagraphElement);
  if (shares.length === 0) {
    container.replaceChildren(el('p', { className: 'small' }, 'No share links yet. You share a meeting from the extension.'));
    return;
  }
  const titles = new Map(meetings.map((m) => [m.meetingId, m.title]));
  const byMeeting = new Map<string, ShareInfo[]>();
  for (const share of shares) byMeeting.set(share.meetingId, [...(byMeeting.get(share.meetingId) ?? []), share]);
  const groups = [...byMeeting].map(([meetingId, list]) => {
    const title = titles.get(meetingId)?.trim() || UNTITLED;
    const entries = list
      .sort((a, b) => Number(b.active) - Number(a.active) || b.createdAt - a.createdAt)
      .map((share) => shareEntry(ctx, share, title, status));
    return el(
      'section',
      { className: 'meeting-shares', attrs: { 'data-meeting': meetingId } },
      el('h3', { className: 'meeting-title' }, title),
      el('ul', { className: 'entries' }, ...entries),
    );
  });
  container.replaceChildren(...groups);
}
