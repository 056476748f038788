// Share links grouped by meeting, each with its label when the owner gave one. Titles come from
// the meetings' own documents on the relay, so they are other people's text as far as this page
// knows: shown as text nodes only, as labels are.
import type { MeetingInfo, ShareInfo } from './api.ts';
import { byId, el } from './dom.ts';
import type { PageContext } from './page-context.ts';
import { words } from './page-words.ts';
import { revokeButton } from './revoke-button.ts';
import { ApiRoutes, memberPath } from '../../../../wire/api-routes.ts';

const ROLE_LABEL = { view: 'shares.roleView', edit: 'shares.roleEdit' } as const;
const REVOKE_LABEL = {
  view: { plain: 'shares.revokeViewLabel', named: 'shares.revokeViewNamedLabel' },
  edit: { plain: 'shares.revokeEditLabel', named: 'shares.revokeEditNamedLabel' },
} as const;

function shareState(share: ShareInfo): string {
  if (share.revokedAt !== null) return words.t('shares.revokedOn', { date: words.date(share.revokedAt) });
  if (!share.active) return words.t('shares.expiredOn', { date: words.date(share.expiresAt) });
  return words.t('shares.activeUntil', { date: words.date(share.expiresAt) });
}

function shareEntry(ctx: PageContext, share: ShareInfo, title: string, status: HTMLElement): HTMLLIElement {
  const ariaLabel =
    share.label === null
      ? words.t(REVOKE_LABEL[share.role].plain, { title })
      : words.t(REVOKE_LABEL[share.role].named, { title, label: share.label });
  const revoke = share.active
    ? revokeButton(ctx, {
        label: words.t('shares.revoke'),
        ariaLabel,
        path: memberPath(ApiRoutes.shares, share.shareId),
        done: words.t('shares.revoked'),
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
      el('span', { className: `badge ${share.role}` }, words.t(ROLE_LABEL[share.role])),
      ' ',
      el('span', { className: 'small' }, words.t('shares.made', { date: words.date(share.createdAt), state: shareState(share) })),
    ),
    revoke,
  );
}

export function renderShares(ctx: PageContext, meetings: readonly MeetingInfo[], shares: readonly ShareInfo[]): void {
  const container = byId('shares-list', HTMLDivElement);
  const status = byId('shares-status', HTMLParagraphElement);
  if (shares.length === 0) {
    container.replaceChildren(el('p', { className: 'small' }, words.t('shares.none')));
    return;
  }
  const titles = new Map(meetings.map((m) => [m.meetingId, m.title]));
  const byMeeting = new Map<string, ShareInfo[]>();
  for (const share of shares) byMeeting.set(share.meetingId, [...(byMeeting.get(share.meetingId) ?? []), share]);
  const groups = [...byMeeting].map(([meetingId, list]) => {
    const title = titles.get(meetingId)?.trim() || words.t('shares.untitled');
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
