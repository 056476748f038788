// The /account page as served: a fixed HTML shell in the website's frame (no server data in it,
// so nothing to escape), with forms that work without a page reload once the script runs. The
// forms post to /account, so even without the script a password never lands in a URL.
import { html, type SafeHtml } from '../website/html.ts';
import { layout } from '../website/layout.ts';
import { AccountRoutes } from './account-routes.ts';

const signedOut = html`<section id="signed-out" class="panel" aria-labelledby="sign-in-title">
  <h2 id="sign-in-title">Sign in</h2>
  <p class="small">With the email and password of your LeaveTheMeeting account, the one you use in the extension's Options, or with a provider below.</p>
  <p id="signed-out-note" class="notice" role="status" hidden></p>
  <form id="sign-in-form" method="post" action="${AccountRoutes.page}">
    <label for="sign-in-email">Email</label>
    <input id="sign-in-email" name="email" type="email" autocomplete="username" required>
    <label for="sign-in-password">Password</label>
    <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required>
    <div class="actions"><button type="submit">Sign in</button></div>
    <p id="sign-in-status" class="form-status" role="status" aria-live="polite"></p>
  </form>
  <div id="provider-sign-in" class="providers" hidden>
    <p class="small">Or with a provider (the first time, this makes your account):</p>
    <div id="provider-buttons" class="actions"></div>
    <p id="provider-status" class="form-status" role="status" aria-live="polite"></p>
  </div>
</section>`;

const connected = html`<section class="panel" aria-labelledby="connected-title">
  <h2 id="connected-title">Connected sign-ins</h2>
  <p class="small">Providers that can sign you in to this account. You can remove one while another way to sign in remains.</p>
  <ul id="connected-list" class="entries"></ul>
  <div id="connect-buttons" class="actions"></div>
  <p id="connected-status" class="form-status" role="status" aria-live="polite"></p>
</section>`;

const summary = html`<section class="panel" aria-labelledby="summary-title">
  <h2 id="summary-title">Signed in</h2>
  <p>As <strong id="account-email"></strong><span id="account-name"></span>, with an account since <span id="account-since"></span>.</p>
  <div class="actions"><button id="sign-out" type="button" class="secondary">Sign out</button></div>
</section>`;

const displayName = html`<section class="panel" aria-labelledby="name-title">
  <h2 id="name-title">Name shown to others</h2>
  <p class="small">Collaborators in your meetings and visitors of your share links see this name next to your cursor and under "Here now", never your email.</p>
  <form id="name-form" method="post" action="${AccountRoutes.page}">
    <label for="display-name">Name</label>
    <input id="display-name" name="name" autocomplete="name" maxlength="100" required>
    <div class="actions"><button id="name-button" type="submit">Save name</button></div>
    <p id="name-status" class="form-status" role="status" aria-live="polite"></p>
  </form>
</section>`;

const sessions = html`<section class="panel" aria-labelledby="sessions-title">
  <h2 id="sessions-title">Sessions</h2>
  <p class="small">Every browser and extension signed in to this account. Signing one out closes its sync at once.</p>
  <ul id="sessions-list" class="entries"></ul>
  <p id="sessions-status" class="form-status" role="status" aria-live="polite"></p>
</section>`;

const shares = html`<section class="panel" aria-labelledby="shares-title">
  <h2 id="shares-title">Share links</h2>
  <p class="small">Links to your meetings that you gave to others. Revoking one closes it at once for whoever has it open.</p>
  <div id="shares-list"></div>
  <p id="shares-status" class="form-status" role="status" aria-live="polite"></p>
</section>`;

const password = html`<section id="password-panel" class="panel" aria-labelledby="password-title">
  <h2 id="password-title">Change password</h2>
  <p class="small">Every other session is signed out; this one stays.</p>
  <form id="password-form" method="post" action="${AccountRoutes.page}">
    <input type="email" name="email" autocomplete="username" id="password-username" hidden>
    <label for="current-password">Current password</label>
    <input id="current-password" name="currentPassword" type="password" autocomplete="current-password" required>
    <label for="new-password">New password <span class="small">(at least 8 characters)</span></label>
    <input id="new-password" name="newPassword" type="password" autocomplete="new-password" minlength="8" required>
    <label for="repeat-password">New password again</label>
    <input id="repeat-password" name="repeatPassword" type="password" autocomplete="new-password" minlength="8" required>
    <div class="actions"><button id="password-button" type="submit">Change password</button></div>
    <p id="password-status" class="form-status" role="status" aria-live="polite"></p>
  </form>
</section>`;

const exportPanel = html`<section class="panel" aria-labelledby="export-title">
  <h2 id="export-title">Export your data</h2>
  <p class="small">A zip with every document this relay holds for you (your library and each meeting you own) as JSON, the minutes of each meeting as Markdown, and your account's records.</p>
  <div class="actions"><button id="export-button" type="button" class="secondary">Download my data (.zip)</button></div>
  <p id="export-status" class="form-status" role="status" aria-live="polite"></p>
</section>`;

const deletion = html`<section class="panel danger-zone" aria-labelledby="delete-title">
  <h2 id="delete-title">Delete account</h2>
  <p class="small">Removes your account, its sessions and share links, your library and every meeting you own from this relay, for good. The extension keeps the copies on your devices.</p>
  <form id="delete-form" method="post" action="${AccountRoutes.page}">
    <label for="delete-confirm">Type your email to confirm</label>
    <input id="delete-confirm" name="confirm" type="email" autocomplete="off" required>
    <div class="actions"><button id="delete-button" type="submit" class="danger" disabled>Delete my account</button></div>
    <p id="delete-status" class="form-status" role="status" aria-live="polite"></p>
  </form>
</section>`;

export function accountShell(): SafeHtml {
  return layout({
    title: 'Your account · LeaveTheMeeting',
    description: 'Sign in to manage your LeaveTheMeeting sync account: sessions, share links, password, export and deletion.',
    body: html`<link rel="stylesheet" href="${AccountRoutes.styles}">
<section class="account">
  <h1>Your account</h1>
  <noscript><p class="notice">This page needs JavaScript to talk to the relay.</p></noscript>
  ${signedOut}
  <div id="signed-in" hidden>${summary}${displayName}${connected}${sessions}${shares}${password}${exportPanel}${deletion}</div>
</section>
<script type="module" src="${AccountRoutes.script}"></script>`,
  });
}
