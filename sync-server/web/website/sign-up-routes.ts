// The sign-up and unsubscribe flows. A refused form is answered with the same page and a reason
// next to the field. A sign-up is stored once, with its mail queued in the same transaction (the
// sender delivers and retries it); when the database cannot commit, nothing is stored and the
// page says to try again. Unsubscribing deletes the address from every place at once. Every page
// is in the language the request negotiated (`w`), and the mail is queued in that language too.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress } from '../../client-address.ts';
import { checkCsrf, cookieHeader, issueCsrf } from './csrf.ts';
import { checkEmail } from './email-address.ts';
import { readForm } from './form-body.ts';
import { redirect, sendHtml } from './http-response.ts';
import type { WebsiteWords } from './messages/website-words.ts';
import { landingPage } from './pages/landing-page.ts';
import { messagePage } from './pages/message-page.ts';
import { unsubscribeConfirmPage, unsubscribedPage, unsubscribeUnknownPage } from './pages/unsubscribe-page.ts';
import { Routes } from '../../../wire/website-routes.ts';
import { fileSize } from './static-files.ts';
import type { WebsiteContext } from './website-context.ts';

export async function showLanding(ctx: WebsiteContext, req: IncomingMessage, res: ServerResponse, w: WebsiteWords, status = 200, email = '', error: string | null = null): Promise<void> {
  const grant = issueCsrf(req);
  const page = landingPage({ form: { csrfToken: grant.token, email, error }, zipBytes: await fileSize(ctx.config.extensionZipPath) }, w);
  sendHtml(res, status, page, cookieHeader(grant));
}

export function refuseForm(res: ServerResponse, w: WebsiteWords): void {
  sendHtml(res, 403, messagePage({ title: w.t('refused.title'), paragraphs: [w.t('refused.text')] }, w));
}

export async function signUp(ctx: WebsiteContext, req: IncomingMessage, res: ServerResponse, w: WebsiteWords): Promise<void> {
  const form = await readForm(req, res, ctx.config.maxFormBytes);
  if (checkCsrf(req, form, ctx.config.publicUrl) !== null) return refuseForm(res, w);
  const typed = form.get('email') ?? '';
  const limit = ctx.limits.signUp.hit(clientAddress(req), ctx.now());
  if (!limit.ok) {
    return showLanding(ctx, req, res, w, 429, typed, w.count('signUp.tooMany', Math.ceil(limit.retryAfterMs / 60_000)));
  }
  const checked = checkEmail(typed);
  if (!checked.ok) return showLanding(ctx, req, res, w, 400, typed, w.t(`email.${checked.problem}`));

  let result;
  try {
    result = await ctx.signUps.add(checked.email, ctx.now(), w.lang);
  } catch (error) {
    ctx.logger.error({ err: error }, 'sign-up not stored');
    return showLanding(ctx, req, res, w, 503, typed, w.t('signUp.notStored'));
  }
  if (result.kind === 'added') ctx.logger.info('sign-up stored');
  await firstAttempt(ctx);
  // The same answer either way, so the form does not reveal who is already on the list.
  redirect(res, Routes.signUpDone);
}

/** Lets the sender try the new mail before the page says "check your inbox"; a slow or failing
 *  mail server does not hold the page longer (the mail stays queued and is retried). */
async function firstAttempt(ctx: WebsiteContext): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ctx.config.mailFirstAttemptWaitMs);
  });
  await Promise.race([ctx.sender.flush(), waited]);
  clearTimeout(timer);
}

export function signUpDone(res: ServerResponse, w: WebsiteWords): void {
  sendHtml(res, 200, messagePage({ title: w.t('done.title'), paragraphs: [w.t('done.text')] }, w));
}

export async function showUnsubscribe(ctx: WebsiteContext, req: IncomingMessage, res: ServerResponse, w: WebsiteWords, token: string): Promise<void> {
  const email = await ctx.signUps.find(token);
  if (email === null) return sendHtml(res, 404, unsubscribeUnknownPage(w));
  const grant = issueCsrf(req);
  sendHtml(res, 200, unsubscribeConfirmPage(email, token, grant.token, w), cookieHeader(grant));
}

export async function unsubscribe(ctx: WebsiteContext, req: IncomingMessage, res: ServerResponse, w: WebsiteWords): Promise<void> {
  const form = await readForm(req, res, ctx.config.maxFormBytes);
  if (checkCsrf(req, form, ctx.config.publicUrl) !== null) return refuseForm(res, w);
  const email = await ctx.signUps.remove(form.get('token') ?? '');
  if (email === null) return sendHtml(res, 404, unsubscribeUnknownPage(w));
  ctx.logger.info('sign-up removed');
  try {
    await ctx.retention.forget(email);
  } catch (error) {
    // The table no longer has it; the retention sweep removes the file's line at the latest.
    ctx.logger.error({ err: error }, 'unsubscribed address not removed from the outbox file');
  }
  sendHtml(res, 200, unsubscribedPage(w));
}
