// The sign-up form. After a refused submit it keeps what was typed and says why, next to the
// field, linked for screen readers.
import { CSRF_FIELD } from '../csrf.ts';
import { html, type SafeHtml } from '../html.ts';
import { Routes } from '../../../../wire/website-routes.ts';

export interface SignUpFormState {
  readonly csrfToken: string;
  readonly email: string;
  readonly error: string | null;
}

export function signUpForm(state: SignUpFormState): SafeHtml {
  const invalid = state.error !== null;
  return html`<form class="signup" method="post" action="${Routes.signUp}" novalidate>
  <input type="hidden" name="${CSRF_FIELD}" value="${state.csrfToken}">
  <label for="email">Email address</label>
  <div class="row">
    <input id="email" name="email" type="email" autocomplete="email" inputmode="email" required maxlength="254" value="${state.email}"${invalid ? html` aria-invalid="true" aria-describedby="email-error"` : ''}>
    <button type="submit">Send me the link</button>
  </div>
  ${invalid ? html`<p id="email-error" class="error" role="alert">${state.error}</p>` : ''}
  <p class="small">We store your address and the time you asked, to send this one email. Every email has a link that removes it. <a href="${Routes.privacy}#signups">Details</a>.</p>
</form>`;
}
