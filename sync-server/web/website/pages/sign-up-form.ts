// The sign-up form, in the reader's language. After a refused submit it keeps what was typed and
// says why, next to the field, linked for screen readers.
import { CSRF_FIELD } from '../csrf.ts';
import { html, type SafeHtml } from '../html.ts';
import { Routes } from '../../../../wire/website-routes.ts';
import type { WebsiteWords } from '../messages/website-words.ts';
import { withSlots } from '../rich-text.ts';

export interface SignUpFormState {
  readonly csrfToken: string;
  readonly email: string;
  /** Why the last submit was refused, already in the page's language. */
  readonly error: string | null;
}

export function signUpForm(state: SignUpFormState, w: WebsiteWords): SafeHtml {
  const invalid = state.error !== null;
  const details = html`<a href="${Routes.privacy}#signups">${w.t('form.details')}</a>`;
  return html`<form class="signup" method="post" action="${Routes.signUp}" novalidate>
  <input type="hidden" name="${CSRF_FIELD}" value="${state.csrfToken}">
  <label for="email">${w.t('form.email')}</label>
  <div class="row">
    <input id="email" name="email" type="email" autocomplete="email" inputmode="email" required maxlength="254" value="${state.email}"${invalid ? html` aria-invalid="true" aria-describedby="email-error"` : ''}>
    <button type="submit">${w.t('form.send')}</button>
  </div>
  ${invalid ? html`<p id="email-error" class="error" role="alert">${state.error}</p>` : ''}
  <p class="small">${withSlots(w.parts('form.note'), { details })}</p>
</form>`;
}
