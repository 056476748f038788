// The list of the account's live sessions. The current one is marked and signed out with the
// page's own button; any other can be ended here, which also closes its open syncs.
import type { SessionInfo } from './api.ts';
import { byId, el } from './dom.ts';
import type { PageContext } from './page-context.ts';
import { words } from './page-words.ts';
import { revokeButton } from './revoke-button.ts';
import { ApiRoutes, memberPath } from '../../../../wire/api-routes.ts';

export function renderSessions(ctx: PageContext, sessions: readonly SessionInfo[]): void {
  const list = byId('sessions-list', HTMLUListElement);
  const status = byId('sessions-status', HTMLParagraphElement);
  const items = [...sessions]
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt - a.lastUsedAt)
    .map((session) => {
      const label = session.current ? words.t('sessions.thisBrowser') : words.t('sessions.signedInAt', { date: words.dateTime(session.createdAt) });
      const details = words.t('sessions.details', { lastUsed: words.dateTime(session.lastUsedAt), ends: words.dateTime(session.expiresAt) });
      const revoke = session.current
        ? null
        : revokeButton(ctx, {
            label: words.t('sessions.signOut'),
            ariaLabel: words.t('sessions.signOutLabel', { date: words.dateTime(session.createdAt) }),
            path: memberPath(ApiRoutes.sessions, session.sessionId),
            done: words.t('sessions.signedOut'),
            status,
          });
      return el(
        'li',
        { className: session.current ? 'entry current' : 'entry', attrs: { 'data-session': session.sessionId } },
        el('div', {}, el('strong', {}, label), el('p', { className: 'small' }, details)),
        revoke,
      );
    });
  list.replaceChildren(...items);
}
