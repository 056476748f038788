// Unsubscribing in two steps: the emailed link (GET) only shows what will happen and a button;
// the button POSTs with the CSRF token, so a link preview or prefetch cannot remove anyone.
import { CSRF_FIELD } from '../csrf.ts';
import { html, type SafeHtml } from '../html.ts';
import { Routes } from '../../../../wire/website-routes.ts';
import { messagePage } from './message-page.ts';

export function unsubscribeConfirmPage(email: string, token: string, csrfToken: string): SafeHtml {
  return messagePage({
    title: 'Remove your address?',
    paragraphs: [`This removes ${email} and the time you signed up from our list. We will not email you again.`],
    extra: html`<form method="post" action="${Routes.unsubscribe}">
  <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}">
  <input type="hidden" name="token" value="${token}">
  <button type="submit">Remove my address</button>
</form>`,
  });
}

export function unsubscribeUnknownPage(): SafeHtml {
  return messagePage({
    title: 'Nothing to remove',
    paragraphs: ['This link does not match any address on our list. It may have been removed already (addresses are also deleted by themselves some days after the email; the privacy page says when), or the link was cut short by your mail program.'],
  });
}

export function unsubscribedPage(): SafeHtml {
  return messagePage({
    title: 'Your address is removed',
    paragraphs: ['We deleted your address and the time you signed up. You will get no more email from us.'],
  });
}
