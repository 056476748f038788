// The privacy page, in the reader's language: what the extension keeps in the browser, what the
// relay keeps and why, table by table and column by column (names from privacy-facts.ts, their
// explanations from the catalogs), how long a sign-up address is kept (durations from the
// configuration, written by Intl), and what is never stored.
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { Routes } from '../../../../wire/website-routes.ts';
import type { WebsiteWords } from '../messages/website-words.ts';
import { addressRetention, columnKey, EXTENSION_STORAGE, RELAY_FILES, RELAY_TABLES } from '../privacy-facts.ts';
import { withSlots } from '../rich-text.ts';
import type { WebsiteConfig } from '../website-config.ts';

function table(t: (typeof RELAY_TABLES)[number], w: WebsiteWords): SafeHtml {
  return html`<section class="stored-table" id="${t.name}">
  <h3><code>${t.name}</code></h3>
  <p>${w.t(`table.${t.name}`)}</p>
  <table>
    <thead><tr><th scope="col">${w.t('privacy.column')}</th><th scope="col">${w.t('privacy.holds')}</th></tr></thead>
    <tbody>${t.columns.map((column) => html`<tr><td><code>${column}</code></td><td>${w.t(columnKey(t, column))}</td></tr>`)}</tbody>
  </table>
</section>`;
}

const pairs = (rows: readonly (readonly [string, string])[]): SafeHtml =>
  html`<dl class="pairs">${rows.map(([name, what]) => html`<dt><code>${name}</code></dt><dd>${what}</dd>`)}</dl>`;

const code = (text: string): SafeHtml => html`<code>${text}</code>`;

function choices(w: WebsiteWords): SafeHtml {
  const account = withSlots(w.parts('choice.account'), {
    accountPage: html`<a href="${Routes.account}">${w.t('choice.accountPage')}</a>`,
    sessionStorage: code('sessionStorage'),
    sessionKey: code('ltm-account-session'),
    localStorage: code('localStorage'),
    deviceKey: code('ltm-device-tokens'),
  });
  return html`<ul>
  <li>${withSlots(w.parts('choice.mail'), { howLong: html`<a href="#retention">${w.t('choice.howLong')}</a>` })}</li>
  <li>${account}</li>
  <li>${w.t('choice.delete')}</li>
  <li>${w.t('choice.signOut')}</li>
</ul>`;
}

export function privacyPage(config: Pick<WebsiteConfig, 'signUpRetentionMs' | 'mailRetry' | 'smtpUrl'>, w: WebsiteWords): SafeHtml {
  const body = html`<article class="prose">
<h1>${w.t('privacy.heading')}</h1>
<p>${w.t('privacy.summary')}</p>

<h2>${w.t('privacy.browserTitle')}</h2>
<p>${withSlots(w.parts('privacy.browserLead'), { local: code('chrome.storage.local') })}</p>
${pairs(EXTENSION_STORAGE.map(({ id, name }) => [name, w.t(`browser.${id}`)] as const))}
<p>${w.t('privacy.usageCounts')}</p>

<h2>${w.t('privacy.relayTitle')}</h2>
<p>${w.t('privacy.relayLead')}</p>
${pairs(RELAY_FILES.map((file) => [file, w.t(`file.${file}`)] as const))}
<p>${w.t('privacy.tablesLead')}</p>
${RELAY_TABLES.map((t) => table(t, w))}

<h2 id="retention">${w.t('privacy.retentionTitle')}</h2>
<ul class="retention">
  ${addressRetention(config, w).map((line) => html`<li>${line}</li>`)}
</ul>

<h2>${w.t('privacy.neverTitle')}</h2>
<ul>
  <li>${w.t('never.passwords')}</li>
  <li>${w.t('never.usage')}</li>
  <li>${w.t('never.logs')}</li>
  <li>${w.t('never.rateLimits')}</li>
</ul>

<h2 id="signups">${w.t('privacy.choicesTitle')}</h2>
${choices(w)}
</article>`;
  return layout({ words: w, title: w.t('privacy.title'), description: w.t('privacy.description'), body });
}
