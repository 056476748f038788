// The account page's script: sign in with email and password or a provider, then show the
// account, its connected sign-ins, sessions and share links, and the password, export and delete
// forms. The session is kept in sessionStorage and sent as a bearer header; on any 401 the page
// returns to sign-in.
import { OidcIntent, OidcRoutes, type OidcProviderInfo, type OidcSessionGrant } from '../../../../wire/oidc-sign-in.ts';
import { createApi, failureText, type AccountInfo, type IdentityInfo, type MeetingInfo, type SessionInfo, type ShareInfo } from './api.ts';
import { wireAccountForms } from './account-forms.ts';
import { askPasswordThen, providerButton, renderConnected } from './connected-panel.ts';
import { startProviderSignIn, takeProviderReturn } from './provider-sign-in.ts';
import { byId, clearStatus, showStatus, whileBusy } from './dom.ts';
import type { PageContext } from './page-context.ts';
import { words } from './page-words.ts';
import { deviceTokens } from './device-token-store.ts';
import { sessionStore } from './session-store.ts';
import { renderSessions } from './sessions-panel.ts';
import { renderShares } from './shares-panel.ts';
import { ApiRoutes } from '../../../../wire/api-routes.ts';

const view = {
  signedOut: byId('signed-out', HTMLElement),
  signedIn: byId('signed-in', HTMLDivElement),
  note: byId('signed-out-note', HTMLParagraphElement),
  email: byId('sign-in-email', HTMLInputElement),
};

let account: AccountInfo | null = null;
let providers: Promise<OidcProviderInfo[]> | null = null;

/** Empties every status line of the signed-in view. */
function clearStatuses(): void {
  for (const node of view.signedIn.querySelectorAll<HTMLElement>('[data-tone]')) clearStatus(node);
}

/** `keepSession`: the session may still be good (the account could not be read for another
 *  reason than a 401), so a reload tries it again instead of asking to sign in. */
function signedOut(note: string | null, keepSession = false): void {
  if (!keepSession) sessionStore.clear();
  account = null;
  // Nothing of this account stays on the page for the next one to sign in here: typed values,
  // statuses, an open password confirmation, the consent the delete button was given.
  for (const form of view.signedIn.querySelectorAll('form')) form.reset();
  clearStatuses();
  byId('connected-confirm-form', HTMLFormElement).hidden = true;
  byId('delete-button', HTMLButtonElement).disabled = true;
  view.signedIn.hidden = true;
  view.signedOut.hidden = false;
  view.note.hidden = note === null;
  view.note.textContent = note ?? '';
  view.email.focus();
}

const api = createApi(sessionStore.get, () => signedOut(words.t('signIn.sessionEnded')));
// An old relay without OpenID answers 404: then there are simply no provider buttons.
const configuredProviders = () => (providers ??= api.json<OidcProviderInfo[]>('GET', OidcRoutes.providers).catch(() => []));

function renderAccount(info: AccountInfo): void {
  byId('account-email', HTMLElement).textContent = info.email;
  byId('account-name', HTMLSpanElement).textContent = info.name === '' ? '' : words.t('summary.name', { name: info.name });
  byId('account-since', HTMLSpanElement).textContent = words.date(info.createdAt);
  byId('password-username', HTMLInputElement).value = info.email;
  const nameField = byId('display-name', HTMLInputElement);
  // A name being typed is not overwritten by a refresh that another form started.
  if (document.activeElement !== nameField) nameField.value = info.name;
}

const ctx: PageContext = {
  api,
  signedOut,
  account: () => account,
  async refresh() {
    const [info, sessions, meetings, shares, identities, available] = await Promise.all([
      api.json<AccountInfo>('GET', ApiRoutes.currentAccount),
      api.json<{ sessions: SessionInfo[] }>('GET', ApiRoutes.sessions),
      api.json<{ meetings: MeetingInfo[] }>('GET', ApiRoutes.meetings),
      api.json<{ shares: ShareInfo[] }>('GET', ApiRoutes.shares),
      api.json<{ identities: IdentityInfo[]; hasPassword: boolean }>('GET', OidcRoutes.identities),
      configuredProviders(),
    ]);
    account = info;
    renderAccount(info);
    renderConnected(ctx, identities.identities, available, identities.hasPassword);
    // An account made by a provider sign-in has no password to change, or to confirm a deletion
    // with (it signs in again instead).
    byId('password-panel', HTMLElement).hidden = !identities.hasPassword;
    byId('delete-password-field', HTMLElement).hidden = !identities.hasPassword;
    renderSessions(ctx, sessions.sessions);
    renderShares(ctx, meetings.meetings, shares.shares);
  },
  redraw: () => ctx.refresh().catch(() => undefined),
};

async function showSignedIn(): Promise<void> {
  try {
    await ctx.refresh();
  } catch (error) {
    // A 401 has already returned the page to sign-in and forgotten the session; anything else
    // (offline, a timeout, a 503) is reported there too, and the session is kept for a reload.
    if (sessionStore.get() !== null) signedOut(failureText(error), true);
    return;
  }
  // A status an action wrote after a 401 had returned the page to sign-in is not for this account.
  clearStatuses();
  view.signedOut.hidden = true;
  view.signedIn.hidden = false;
}

function wireSignIn(): void {
  const form = byId('sign-in-form', HTMLFormElement);
  const password = byId('sign-in-password', HTMLInputElement);
  const status = byId('sign-in-status', HTMLParagraphElement);
  const button = form.querySelector('button[type="submit"]');
  if (!(button instanceof HTMLButtonElement)) return;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void whileBusy(button, async () => {
      showStatus(status, words.t('signIn.busy'), 'busy');
      try {
        const email = view.email.value;
        const deviceToken = deviceTokens.get(email);
        const body = deviceToken === null ? { email, password: password.value } : { email, password: password.value, deviceToken };
        const result = await api.json<{ session: string; deviceToken?: string }>('POST', ApiRoutes.sessions, body);
        sessionStore.set(result.session);
        if (typeof result.deviceToken === 'string') deviceTokens.set(email, result.deviceToken);
        form.reset();
        clearStatus(status);
        view.note.hidden = true;
        await showSignedIn();
      } catch (error) {
        showStatus(status, failureText(error), 'error');
        password.select();
      }
    });
  });
}

async function showProviderButtons(): Promise<void> {
  const available = await configuredProviders();
  const status = byId('provider-status', HTMLParagraphElement);
  const buttons = available.map((provider) =>
    providerButton(words.t('signIn.with', { provider: provider.label }), provider.name, () => {
      startProviderSignIn(provider.name, OidcIntent.signIn).catch((error: unknown) => showStatus(status, failureText(error), 'error'));
    }),
  );
  byId('provider-buttons', HTMLDivElement).replaceChildren(...buttons);
  byId('provider-sign-in', HTMLDivElement).hidden = buttons.length === 0;
}

/** Links the identity the provider vouched for. A session that signed in over ten minutes ago is
 *  asked for the password (connected-panel.ts) and the same code is sent again: the relay refused
 *  before redeeming it. */
async function finishLink(code: { code: string; code_verifier: string }, provider: string): Promise<void> {
  const status = byId('connected-status', HTMLParagraphElement);
  const link = async (proof: { currentPassword?: string }) => {
    const linked = await api.json<IdentityInfo>('POST', OidcRoutes.identities, { ...code, ...proof });
    return words.t('connected.linked', { provider: linked.label });
  };
  try {
    const done = await link({});
    await showSignedIn();
    showStatus(status, done, 'ok');
  } catch (error) {
    await showSignedIn();
    const label = (await configuredProviders()).find((p) => p.name === provider)?.label ?? provider;
    const asked = askPasswordThen(ctx, error, { ask: words.t('connected.needsPassword', { provider: label }), button: words.t('connected.confirm') }, (currentPassword) =>
      link({ currentPassword }),
    );
    if (!asked) showStatus(status, failureText(error), 'error');
  }
}

/** Finishes a provider sign-in or link that brought the page back here, then shows the page. */
async function start(): Promise<void> {
  const returned = takeProviderReturn();
  const connectedStatus = byId('connected-status', HTMLParagraphElement);
  if (returned.kind === 'code' && returned.pending.intent === OidcIntent.signIn) {
    try {
      const grant = await api.json<OidcSessionGrant>('POST', OidcRoutes.exchange, { code: returned.code, code_verifier: returned.pending.verifier });
      sessionStore.set(grant.session);
    } catch (error) {
      signedOut(failureText(error));
      return;
    }
  }
  if (sessionStore.get() === null) {
    signedOut(returned.kind === 'refused' ? returned.message : null);
    return;
  }
  if (returned.kind === 'code' && returned.pending.intent === OidcIntent.link) {
    await finishLink({ code: returned.code, code_verifier: returned.pending.verifier }, returned.pending.provider);
    return;
  }
  await showSignedIn();
  if (returned.kind === 'refused') showStatus(connectedStatus, returned.message, 'error');
}

wireSignIn();
wireAccountForms(ctx);
void showProviderButtons();
void start();
