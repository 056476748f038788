// The account page's script: sign in with email and password, then show the account, its
// sessions and share links, and the password, export and delete forms. The session is kept in
// sessionStorage and sent as a bearer header; on any 401 the page returns to sign-in.
import { createApi, failureText, type AccountInfo, type MeetingInfo, type SessionInfo, type ShareInfo } from './api.ts';
import { wireAccountForms } from './account-forms.ts';
import { byId, clearStatus, formatDate, showStatus, whileBusy } from './dom.ts';
import type { PageContext } from './page-context.ts';
import { deviceTokens } from './device-token-store.ts';
import { sessionStore } from './session-store.ts';
import { renderSessions } from './sessions-panel.ts';
import { renderShares } from './shares-panel.ts';

const SESSION_ENDED = 'Your session ended or was revoked. Sign in again.';

const view = {
  signedOut: byId('signed-out', HTMLElement),
  signedIn: byId('signed-in', HTMLDivElement),
  note: byId('signed-out-note', HTMLParagraphElement),
  email: byId('sign-in-email', HTMLInputElement),
};

let account: AccountInfo | null = null;

function signedOut(note: string | null): void {
  sessionStore.clear();
  account = null;
  view.signedIn.hidden = true;
  view.signedOut.hidden = false;
  view.note.hidden = note === null;
  view.note.textContent = note ?? '';
  view.email.focus();
}

const api = createApi(sessionStore.get, () => signedOut(SESSION_ENDED));

function renderAccount(info: AccountInfo): void {
  byId('account-email', HTMLElement).textContent = info.email;
  byId('account-name', HTMLSpanElement).textContent = info.name === '' ? '' : ` (${info.name})`;
  byId('account-since', HTMLSpanElement).textContent = formatDate(info.createdAt);
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
    const [info, sessions, meetings, shares] = await Promise.all([
      api.json<AccountInfo>('GET', '/api/accounts/current'),
      api.json<{ sessions: SessionInfo[] }>('GET', '/api/sessions'),
      api.json<{ meetings: MeetingInfo[] }>('GET', '/api/meetings'),
      api.json<{ shares: ShareInfo[] }>('GET', '/api/shares'),
    ]);
    account = info;
    renderAccount(info);
    renderSessions(ctx, sessions.sessions);
    renderShares(ctx, meetings.meetings, shares.shares);
  },
};

async function showSignedIn(): Promise<void> {
  try {
    await ctx.refresh();
  } catch (error) {
    // A 401 has already returned the page to sign-in; anything else is reported there too.
    if (sessionStore.get() !== null) signedOut(failureText(error));
    return;
  }
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
      showStatus(status, 'Signing in…', 'busy');
      try {
        const email = view.email.value;
        const deviceToken = deviceTokens.get(email);
        const body = deviceToken === null ? { email, password: password.value } : { email, password: password.value, deviceToken };
        const result = await api.json<{ session: string; deviceToken?: string }>('POST', '/api/sessions', body);
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

wireSignIn();
wireAccountForms(ctx);
if (sessionStore.get() === null) signedOut(null);
else void showSignedIn();
