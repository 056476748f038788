// The signed-in page's forms and buttons: display name, change password, export, delete the
// account, sign out.
// Each one reports in its own live region, and a refusal shows as text in the page's language.
import { RelayRequestError } from '../../../../wire/relay-client.ts';
import { ApiErrorCode } from '../../access/access-errors.ts';
import { failureText } from './api.ts';
import { byId, clearStatus, showStatus, whileBusy } from './dom.ts';
import type { PageContext } from './page-context.ts';
import { words } from './page-words.ts';
import { ApiRoutes } from '../../../../wire/api-routes.ts';

const EXPORT_URL = ApiRoutes.exportData;
// Long enough for the browser to start the download from the object URL before it is released.
const RELEASE_DOWNLOAD_MS = 60_000;

function wireName(ctx: PageContext): void {
  const form = byId('name-form', HTMLFormElement);
  const field = byId('display-name', HTMLInputElement);
  const status = byId('name-status', HTMLParagraphElement);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void whileBusy(byId('name-button', HTMLButtonElement), async () => {
      showStatus(status, words.t('name.saving'), 'busy');
      try {
        const result = await ctx.api.json<{ name: string }>('PATCH', ApiRoutes.currentAccount, { name: field.value });
        field.value = result.name;
        showStatus(status, words.t('name.saved'), 'ok');
        await ctx.redraw();
      } catch (error) {
        showStatus(status, failureText(error), 'error');
      }
    });
  });
}

function wirePassword(ctx: PageContext): void {
  const form = byId('password-form', HTMLFormElement);
  const status = byId('password-status', HTMLParagraphElement);
  const fields = { current: byId('current-password', HTMLInputElement), next: byId('new-password', HTMLInputElement), repeat: byId('repeat-password', HTMLInputElement) };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (fields.next.value !== fields.repeat.value) {
      showStatus(status, words.t('password.differ'), 'error');
      fields.repeat.focus();
      return;
    }
    void whileBusy(byId('password-button', HTMLButtonElement), async () => {
      showStatus(status, words.t('password.busy'), 'busy');
      try {
        const result = await ctx.api.json<{ endedSessions: number }>('POST', ApiRoutes.password, {
          currentPassword: fields.current.value,
          newPassword: fields.next.value,
        });
        form.reset();
        showStatus(status, words.count('password.changed', result.endedSessions), 'ok');
        await ctx.redraw();
      } catch (error) {
        showStatus(status, failureText(error), 'error');
      }
    });
  });
}

function wireExport(ctx: PageContext): void {
  const button = byId('export-button', HTMLButtonElement);
  const status = byId('export-status', HTMLParagraphElement);
  button.addEventListener('click', () => {
    void whileBusy(button, async () => {
      showStatus(status, words.t('export.busy'), 'busy');
      try {
        const { blob, fileName } = await ctx.api.download(EXPORT_URL);
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = fileName;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), RELEASE_DOWNLOAD_MS);
        showStatus(status, words.t('export.done', { file: fileName }), 'ok');
      } catch (error) {
        showStatus(status, failureText(error), 'error');
      }
    });
  });
}

function wireDelete(ctx: PageContext): void {
  const form = byId('delete-form', HTMLFormElement);
  const confirm = byId('delete-confirm', HTMLInputElement);
  const password = byId('delete-password', HTMLInputElement);
  const passwordField = byId('delete-password-field', HTMLElement);
  const button = byId('delete-button', HTMLButtonElement);
  const status = byId('delete-status', HTMLParagraphElement);
  const confirmed = () => {
    const email = ctx.account()?.email;
    return email !== undefined && confirm.value.trim().toLowerCase() === email;
  };
  confirm.addEventListener('input', () => {
    button.disabled = !confirmed();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!confirmed()) return;
    void whileBusy(button, async () => {
      showStatus(status, words.t('delete.busy'), 'busy');
      try {
        // Without it the relay still deletes for a sign-in of the last ten minutes.
        await ctx.api.json('DELETE', ApiRoutes.currentAccount, password.value === '' ? undefined : { currentPassword: password.value });
        form.reset();
        clearStatus(status);
        ctx.signedOut(words.t('delete.done'));
      } catch (error) {
        // The relay wants proof and this account has a password: the field is right here.
        const askPassword = error instanceof RelayRequestError && error.code === ApiErrorCode.reauthenticate && !passwordField.hidden;
        showStatus(status, askPassword ? words.t('delete.needsPassword') : failureText(error), 'error');
        if (askPassword) password.focus();
      }
    }).finally(() => {
      button.disabled = !confirmed();
    });
  });
}

function wireSignOut(ctx: PageContext): void {
  const button = byId('sign-out', HTMLButtonElement);
  button.addEventListener('click', () => {
    void whileBusy(button, async () => {
      try {
        await ctx.api.json('DELETE', ApiRoutes.currentSession);
      } catch {
        // Signed out already, or offline: this tab forgets the session either way.
      }
      ctx.signedOut(words.t('summary.signedOut'));
    });
  });
}

export function wireAccountForms(ctx: PageContext): void {
  wireName(ctx);
  wirePassword(ctx);
  wireExport(ctx);
  wireDelete(ctx);
  wireSignOut(ctx);
}
