// The privacy page: what the extension keeps in the browser, what the relay keeps and why, table
// by table and column by column (from privacy-facts.ts), and what is never stored.
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { addressRetention, EXTENSION_STORAGE, RELAY_FILES, RELAY_TABLES } from '../privacy-facts.ts';
import type { WebsiteConfig } from '../website-config.ts';

function table(t: (typeof RELAY_TABLES)[number]): SafeHtml {
  return html`<section class="stored-table" id="${t.name}">
  <h3><code>${t.name}</code></h3>
  <p>${t.why}</p>
  <table>
    <thead><tr><th scope="col">Column</th><th scope="col">What it holds</th></tr></thead>
    <tbody>${t.columns.map(([column, meaning]) => html`<tr><td><code>${column}</code></td><td>${meaning}</td></tr>`)}</tbody>
  </table>
</section>`;
}

const pairs = (rows: readonly (readonly [string, string])[]): SafeHtml =>
  html`<dl class="pairs">${rows.map(([name, what]) => html`<dt><code>${name}</code></dt><dd>${what}</dd>`)}</dl>`;

export function privacyPage(config: Pick<WebsiteConfig, 'signUpRetentionMs' | 'mailRetry' | 'smtpUrl'>): SafeHtml {
  const body = html`<article class="prose">
<h1>What LeaveTheMeeting stores</h1>
<p>In short: your meetings live in your browser. The relay holds only what you ask it to sync or share, the account that lets you do so, and, if you ask for it, your email address for one message. There is no advertising, no tracking and no third party.</p>

<h2>In your browser (the extension)</h2>
<p>Without an account, nothing leaves your browser. The extension keeps in <code>chrome.storage.local</code> and IndexedDB:</p>
${pairs(EXTENSION_STORAGE)}
<p>Usage counts are off unless you switch them on in the extension options; the switch says what is sent. When on, the extension sends only the name of the event and its version number.</p>

<h2>On the relay</h2>
<p>The relay is a server you or your organisation runs. It keeps these files in its data directory:</p>
${pairs(RELAY_FILES)}
<p>Its database has these tables:</p>
${RELAY_TABLES.map(table)}

<h2 id="retention">How long your email address is kept</h2>
<ul class="retention">
  ${addressRetention(config).map((line) => html`<li>${line}</li>`)}
</ul>

<h2>What is never stored</h2>
<ul>
  <li>Passwords: only a scrypt hash. Session and share tokens: only hashes or signatures.</li>
  <li>With usage counts: no IP address, no account, no device id and no content. Counting an uninstall (the page Chrome opens when the extension is removed) stores one number for that day and version.</li>
  <li>Request logs name the method and path, never query strings or tokens. Refused API requests (a wrong password, a rate limit) are logged with the client’s IP address so abuse can be handled; logs go wherever the operator sends the relay’s output.</li>
  <li>Rate limits keep IP addresses in memory for the length of their window (at most an hour); they are never written to disk.</li>
</ul>

<h2 id="signups">Your choices</h2>
<ul>
  <li>The email with the download link carries a link that deletes your address at once; otherwise it is deleted by itself (<a href="#retention">how long</a>).</li>
  <li>On the <a href="/account">account page</a> you can end sessions, revoke share links, change your password, download everything the relay holds for you (every document as JSON and each meeting as Markdown, in one zip built on request and never kept), and delete the account. That page sets no cookie: it keeps your session only in the tab’s <code>sessionStorage</code> (<code>ltm-account-session</code>, gone when the tab closes) and sends it as a header. After a sign-in it keeps in <code>localStorage</code> (<code>ltm-device-tokens</code>) the relay's signed token for this browser, so strangers guessing your password cannot lock it out.</li>
  <li>Deleting your account removes the account, its sessions, its share links and every document it owns from the relay.</li>
  <li>Signing out or turning sync off stops the extension from talking to the relay; your meetings stay in your browser.</li>
</ul>
</article>`;
  return layout({ title: 'Privacy · LeaveTheMeeting', description: 'Exactly what LeaveTheMeeting stores, where and why.', body });
}
