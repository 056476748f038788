// "Connected sign-ins": the providers linked to the account (with the email they vouch for and
// when they were linked), a button to remove each, and a button to connect each configured
// provider not linked yet. The relay refuses to remove the last way to sign in; the page words
// that refusal in its own language (refusal-text.ts).
import { OidcIntent, type OidcProviderInfo } from '../../../../wire/oidc-sign-in.ts';
import { failureText, type IdentityInfo } from './api.ts';
import { byId, el, showStatus } from './dom.ts';
import type { PageContext } from './page-context.ts';
import { words } from './page-words.ts';
import { startProviderSignIn } from './provider-sign-in.ts';
import { revokeButton } from './revoke-button.ts';

export function renderConnected(ctx: PageContext, identities: readonly IdentityInfo[], providers: readonly OidcProviderInfo[]): void {
  const list = byId('connected-list', HTMLUListElement);
  const status = byId('connected-status', HTMLParagraphElement);
  const items = identities.map((identity) => {
    const details = words.t('connected.details', { email: identity.email ?? words.t('connected.noEmail'), date: words.date(identity.linkedAt) });
    return el(
      'li',
      { className: 'entry', attrs: { 'data-identity': identity.identityId } },
      el('div', {}, el('strong', {}, identity.label), el('p', { className: 'small' }, details)),
      revokeButton(ctx, {
        label: words.t('connected.remove'),
        ariaLabel: words.t('connected.removeLabel', { provider: identity.label }),
        path: `/api/identities/${encodeURIComponent(identity.identityId)}`,
        done: words.t('connected.removed', { provider: identity.label }),
        status,
      }),
    );
  });
  list.replaceChildren(...(items.length > 0 ? items : [el('li', { className: 'entry small' }, words.t('connected.none'))]));
  const linked = new Set(identities.map((identity) => identity.provider));
  const buttons = providers
    .filter((provider) => !linked.has(provider.name))
    .map((provider) => providerButton(words.t('connected.connect', { provider: provider.label }), provider.name, () => void connect(provider.name, status)));
  const connectButtons = byId('connect-buttons', HTMLDivElement);
  connectButtons.replaceChildren(...buttons);
  connectButtons.hidden = buttons.length === 0;
}

async function connect(provider: string, status: HTMLElement): Promise<void> {
  try {
    await startProviderSignIn(provider, OidcIntent.link);
  } catch (error) {
    showStatus(status, failureText(error), 'error');
  }
}

export function providerButton(label: string, provider: string, onClick: () => void): HTMLButtonElement {
  const button = el('button', { className: 'secondary', attrs: { type: 'button', 'data-provider': provider } }, label);
  button.addEventListener('click', onClick);
  return button;
}
