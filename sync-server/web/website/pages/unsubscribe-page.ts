// Unsubscribing in two steps: the emailed link (GET) only shows what will happen and a button;
// the button POSTs with the CSRF token, so a link preview or prefetch cannot remove anyone.
import { CSRF_FIELD } from '../csrf.ts';
import { html, type SafeHtml } from '../html.ts';
import { Routes } from '../../../../wire/website-routes.ts';
import type { WebsiteWords } from '../messages/website-words.ts';
import { messagePage } from './message-page.ts';

export function unsubscribeConfirmPage(email: string, token: string, csrfToken: string, w: WebsiteWords): SafeHtml {
  return messagePage(
    {
      title: w.t('unsubscribe.confirmTitle'),
      paragraphs: [w.t('unsubscribe.confirmText', { email })],
      extra: html`<form method="post" action="${Routes.unsubscribe}">
  <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}">
  <input type="hidden" name="token" value="${token}">
  <button type="submit">${w.t('unsubscribe.button')}</button>
</form>`,
    },
    w,
  );
}

export function unsubscribeUnknownPage(w: WebsiteWords): SafeHtml {
  return messagePage({ title: w.t('unsubscribe.unknownTitle'), paragraphs: [w.t('unsubscribe.unknownText')] }, w);
}

export function unsubscribedPage(w: WebsiteWords): SafeHtml {
  return messagePage({ title: w.t('unsubscribe.doneTitle'), paragraphs: [w.t('unsubscribe.doneText')] }, w);
}
