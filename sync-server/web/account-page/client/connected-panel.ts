// "Connected sign-ins": the providers linked to the account (with the email they vouch for and
// when they were linked), a button to remove each, and a button to connect each configured
// provider not linked yet. The relay refuses to remove the last way to sign in; the page words
// that refusal in its own language (refusal-text.ts). Connecting or removing from a session that
// signed in over ten minutes ago needs proof: an account with a password confirms with it in the
// panel's own form and the request is sent again; one without is told to sign in again.
import { OidcIntent, OidcRoutes, type OidcProviderInfo } from '../../../../wire/oidc-sign-in.ts';
import { memberPath } from '../../../../wire/api-routes.ts';
import { RelayRequestError } from '../../../../wire/relay-client.ts';
import { ApiErrorCode } from '../../access/access-errors.ts';
import { failureText, type IdentityInfo } from './api.ts';
import { byId, el, showStatus, whileBusy } from './dom.ts';
import type { PageContext } from './page-context.ts';
import { words } from './page-words.ts';
import { startProviderSignIn } from './provider-sign-in.ts';
import { revokeButton } from './revoke-button.ts';

/** Whether the account has a password to confirm with, as of the panel's last render. */
let hasPassword = false;

export function renderConnected(ctx: PageContext, identities: readonly IdentityInfo[], providers: readonly OidcProviderInfo[], withPassword: boolean): void {
  hasPassword = withPassword;
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
        path: memberPath(OidcRoutes.identities, identity.identityId),
        done: words.t('connected.removed', { provider: identity.label }),
        status,
        onRefused: (error, retry) =>
          askPasswordThen(ctx, error, { ask: words.t('connected.needsPasswordToRemove', { provider: identity.label }), button: words.t('connected.remove') }, retry),
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

/** When the relay asked for proof and the account has a password: shows the panel's password form,
 *  and on submit runs `action` with it (its answer is the text shown on success). Returns whether it
 *  asked. A wrong password may be corrected; any other refusal closes the form. */
export function askPasswordThen(
  ctx: PageContext,
  error: unknown,
  text: { readonly ask: string; readonly button: string },
  action: (currentPassword: string) => Promise<string>,
): boolean {
  if (!(error instanceof RelayRequestError) || error.code !== ApiErrorCode.reauthenticate || !hasPassword) return false;
  const form = byId('connected-confirm-form', HTMLFormElement);
  const field = byId('connected-confirm-password', HTMLInputElement);
  const button = byId('connected-confirm-button', HTMLButtonElement);
  const status = byId('connected-status', HTMLParagraphElement);
  showStatus(status, text.ask, 'error');
  button.textContent = text.button;
  form.reset();
  form.hidden = false;
  field.focus();
  form.onsubmit = (event) => {
    event.preventDefault();
    void whileBusy(button, async () => {
      try {
        const done = await action(field.value);
        form.hidden = true;
        form.reset();
        await ctx.redraw();
        showStatus(status, done, 'ok');
      } catch (refusal) {
        showStatus(status, failureText(refusal), 'error');
        // A spent or expired link code, or a sign-in removed elsewhere, cannot be confirmed again.
        const correctable = refusal instanceof RelayRequestError && (refusal.code === ApiErrorCode.invalidCredentials || refusal.code === ApiErrorCode.rateLimited);
        if (!correctable) form.hidden = true;
      }
    });
  };
  return true;
}

export function providerButton(label: string, provider: string, onClick: () => void): HTMLButtonElement {
  const button = el('button', { className: 'secondary', attrs: { type: 'button', 'data-provider': provider } }, label);
  button.addEventListener('click', onClick);
  return button;
}
