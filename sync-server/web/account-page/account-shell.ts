// The /account page as served: a fixed HTML shell in the website's frame (whose words are the
// website's), in the language the request asked for (its words come from the page's catalogs,
// escaped like any value; no server data is in it), with forms that work without a page reload
// once the script runs. The forms post to /account, so even without the script a password never
// lands in a URL. The forms state and check the relay's own limits (shortest password, longest
// name), as configured.
import { html, type SafeHtml } from '../website/html.ts';
import { layout } from '../website/layout.ts';
import { websiteWords } from '../website/messages/website-words.ts';
import { withSlots } from '../website/rich-text.ts';
import { AccountRoutes } from './account-routes.ts';
import type { SiteLanguage } from '../languages/site-languages.ts';
import { translator, type Translator } from './messages/translator.ts';

/** The relay's configured limits that the forms state and check. */
export interface ShellRules {
  readonly passwordMinLength: number;
  readonly nameMaxLength: number;
}

const signedOut = (w: Translator) => html`<section id="signed-out" class="panel" aria-labelledby="sign-in-title">
  <h2 id="sign-in-title">${w.t('signIn.title')}</h2>
  <p class="small">${w.t('signIn.lead')}</p>
  <p id="signed-out-note" class="notice" role="status" hidden></p>
  <form id="sign-in-form" method="post" action="${AccountRoutes.page}">
    <label for="sign-in-email">${w.t('signIn.email')}</label>
    <input id="sign-in-email" name="email" type="email" autocomplete="username" required>
    <label for="sign-in-password">${w.t('signIn.password')}</label>
    <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required>
    <div class="actions"><button type="submit">${w.t('signIn.button')}</button></div>
    <p id="sign-in-status" class="form-status" role="status" aria-live="polite"></p>
  </form>
  <div id="provider-sign-in" class="providers" hidden>
    <p class="small">${w.t('signIn.providersLead')}</p>
    <div id="provider-buttons" class="actions"></div>
    <p id="provider-status" class="form-status" role="status" aria-live="polite"></p>
  </div>
</section>`;

const connected = (w: Translator) => html`<section class="panel" aria-labelledby="connected-title">
  <h2 id="connected-title">${w.t('connected.title')}</h2>
  <p class="small">${w.t('connected.lead')}</p>
  <ul id="connected-list" class="entries"></ul>
  <div id="connect-buttons" class="actions"></div>
  <form id="connected-confirm-form" hidden>
    <label for="connected-confirm-password">${w.t('connected.password')}</label>
    <input id="connected-confirm-password" name="currentPassword" type="password" autocomplete="off" required>
    <div class="actions"><button id="connected-confirm-button" type="submit">${w.t('connected.confirm')}</button></div>
  </form>
  <p id="connected-status" class="form-status" role="status" aria-live="polite"></p>
</section>`;

// The script fills these in; each language orders them in its own sentence.
const SUMMARY_SLOTS: Readonly<Record<string, SafeHtml>> = {
  email: html`<strong id="account-email"></strong>`,
  name: html`<span id="account-name"></span>`,
  since: html`<span id="account-since"></span>`,
};

const summary = (w: Translator) => html`<section class="panel" aria-labelledby="summary-title">
  <h2 id="summary-title">${w.t('summary.title')}</h2>
  <p>${withSlots(w.parts('summary.text'), SUMMARY_SLOTS)}</p>
  <div class="actions"><button id="sign-out" type="button" class="secondary">${w.t('summary.signOut')}</button></div>
</section>`;

const displayName = (w: Translator, { nameMaxLength }: ShellRules) => html`<section class="panel" aria-labelledby="name-title">
  <h2 id="name-title">${w.t('name.title')}</h2>
  <p class="small">${w.t('name.lead')}</p>
  <form id="name-form" method="post" action="${AccountRoutes.page}">
    <label for="display-name">${w.t('name.label')}</label>
    <input id="display-name" name="name" type="text" autocomplete="name" maxlength="${nameMaxLength}" required>
    <div class="actions"><button id="name-button" type="submit">${w.t('name.save')}</button></div>
    <p id="name-status" class="form-status" role="status" aria-live="polite"></p>
  </form>
</section>`;

const sessions = (w: Translator) => html`<section class="panel" aria-labelledby="sessions-title">
  <h2 id="sessions-title">${w.t('sessions.title')}</h2>
  <p class="small">${w.t('sessions.lead')}</p>
  <ul id="sessions-list" class="entries"></ul>
  <p id="sessions-status" class="form-status" role="status" aria-live="polite"></p>
</section>`;

const shares = (w: Translator) => html`<section class="panel" aria-labelledby="shares-title">
  <h2 id="shares-title">${w.t('shares.title')}</h2>
  <p class="small">${w.t('shares.lead')}</p>
  <div id="shares-list"></div>
  <p id="shares-status" class="form-status" role="status" aria-live="polite"></p>
</section>`;

const password = (w: Translator, { passwordMinLength: min }: ShellRules) => html`<section id="password-panel" class="panel" aria-labelledby="password-title">
  <h2 id="password-title">${w.t('password.title')}</h2>
  <p class="small">${w.t('password.lead')}</p>
  <form id="password-form" method="post" action="${AccountRoutes.page}">
    <input type="email" name="email" autocomplete="username" id="password-username" hidden>
    <label for="current-password">${w.t('password.current')}</label>
    <input id="current-password" name="currentPassword" type="password" autocomplete="current-password" required>
    <label for="new-password">${w.t('password.new')} <span class="small">${w.t('password.newHint', { min })}</span></label>
    <input id="new-password" name="newPassword" type="password" autocomplete="new-password" minlength="${min}" required>
    <label for="repeat-password">${w.t('password.repeat')}</label>
    <input id="repeat-password" name="repeatPassword" type="password" autocomplete="new-password" minlength="${min}" required>
    <div class="actions"><button id="password-button" type="submit">${w.t('password.button')}</button></div>
    <p id="password-status" class="form-status" role="status" aria-live="polite"></p>
  </form>
</section>`;

const exportPanel = (w: Translator) => html`<section class="panel" aria-labelledby="export-title">
  <h2 id="export-title">${w.t('export.title')}</h2>
  <p class="small">${w.t('export.lead')}</p>
  <div class="actions"><button id="export-button" type="button" class="secondary">${w.t('export.button')}</button></div>
  <p id="export-status" class="form-status" role="status" aria-live="polite"></p>
</section>`;

// The password field is not offered to the password manager: a saved password filled in for
// whoever sits at an unlocked browser would be no proof at all.
const deletion = (w: Translator) => html`<section class="panel danger-zone" aria-labelledby="delete-title">
  <h2 id="delete-title">${w.t('delete.title')}</h2>
  <p class="small">${w.t('delete.lead')}</p>
  <form id="delete-form" method="post" action="${AccountRoutes.page}">
    <label for="delete-confirm">${w.t('delete.confirm')}</label>
    <input id="delete-confirm" name="confirm" type="email" autocomplete="off" required>
    <div id="delete-password-field">
      <label for="delete-password">${w.t('delete.password')}</label>
      <input id="delete-password" name="currentPassword" type="password" autocomplete="off" aria-describedby="delete-password-hint">
      <p id="delete-password-hint" class="small">${w.t('delete.passwordHint')}</p>
    </div>
    <div class="actions"><button id="delete-button" type="submit" class="danger" disabled>${w.t('delete.button')}</button></div>
    <p id="delete-status" class="form-status" role="status" aria-live="polite"></p>
  </form>
</section>`;

export function accountShell(lang: SiteLanguage, rules: ShellRules): SafeHtml {
  const w = translator(lang);
  return layout({
    words: websiteWords(lang),
    title: w.t('page.title'),
    description: w.t('page.description'),
    body: html`<link rel="stylesheet" href="${AccountRoutes.styles}">
<section class="account">
  <h1>${w.t('page.heading')}</h1>
  <noscript><p class="notice">${w.t('page.noscript')}</p></noscript>
  ${signedOut(w)}
  <div id="signed-in" hidden>${summary(w)}${displayName(w, rules)}${connected(w)}${sessions(w)}${shares(w)}${password(w, rules)}${exportPanel(w)}${deletion(w)}</div>
</section>
<script type="module" src="${AccountRoutes.script}"></script>`,
  });
}
