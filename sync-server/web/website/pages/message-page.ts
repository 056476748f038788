// A short page that says one thing: a sign-up received, an address removed, a refused form, a
// goodbye, in the reader's language. Optional extra markup (a button form, a link) follows the text.
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { Routes } from '../../../../wire/website-routes.ts';
import type { WebsiteWords } from '../messages/website-words.ts';

export interface Message {
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly extra?: SafeHtml;
}

export function messagePage(message: Message, w: WebsiteWords): SafeHtml {
  return layout({
    words: w,
    title: `${message.title} · LeaveTheMeeting`,
    body: html`<section class="message">
  <h1>${message.title}</h1>
  ${message.paragraphs.map((p) => html`<p>${p}</p>`)}
  ${message.extra ?? ''}
  <p><a href="${Routes.landing}">${w.t('frame.back')}</a></p>
</section>`,
  });
}
