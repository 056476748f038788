// The sign-up and unsubscribe flows. A refused form is answered with the same page and a reason
// next to the field; a sign-up is stored once and mailed once, and a mail that cannot be sent
// takes the address back out, so trying again works.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress } from '../../client-address.ts';
import { confirmationMail } from './confirmation-mail.ts';
import { checkCsrf, cookieHeader, issueCsrf } from './csrf.ts';
import { checkEmail } from './email-address.ts';
import { readForm } from './form-body.ts';
import { redirect, sendHtml } from './http-response.ts';
import { landingPage } from './pages/landing-page.ts';
import { messagePage } from './pages/message-page.ts';
import { unsubscribeConfirmPage, unsubscribedPage, unsubscribeUnknownPage } from './pages/unsubscribe-page.ts';
import { Routes } from '../../../wire/website-routes.ts';
import { fileSize } from './static-files.ts';
import type { WebsiteContext } from './website-context.ts';

export async function showLanding(ctx: WebsiteContext, req: IncomingMessage, res: ServerResponse, status = 200, email = '', error: string | null = null): Promise<void> {
  const grant = issueCsrf(req);
  const page = landingPage({ form: { csrfToken: grant.token, email, error }, zipBytes: await fileSize(ctx.config.extensionZipPath) });
  sendHtml(res, status, page, cookieHeader(grant));
}

export function refuseForm(res: ServerResponse): void {
  sendHtml(
    res,
    403,
    messagePage({
      title: 'Please try again',
      paragraphs: ['This form could not be accepted: it was open too long, cookies are blocked, or it was sent from another site. Go back to the page and send it again.'],
    }),
  );
}

export async function signUp(ctx: WebsiteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req, ctx.config.maxFormBytes);
  if (checkCsrf(req, form, ctx.config.publicUrl) !== null) return refuseForm(res);
  const typed = form.get('email') ?? '';
  const limit = ctx.limits.signUp.hit(clientAddress(req), ctx.now());
  if (!limit.ok) {
    const minutes = Math.ceil(limit.retryAfterMs / 60_000);
    return showLanding(ctx, req, res, 429, typed, `Too many sign-ups from your network just now. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  }
  const checked = checkEmail(typed);
  if (!checked.ok) return showLanding(ctx, req, res, 400, typed, checked.message);

  const result = ctx.signUps.add(checked.email, ctx.now());
  if (result.kind === 'added') {
    try {
      await ctx.mailer.send(confirmationMail(ctx.config.mailFrom, checked.email, ctx.mailBaseUrl(), result.unsubscribeToken));
    } catch (error) {
      ctx.signUps.remove(result.unsubscribeToken);
      ctx.logger.error({ err: error, mailer: ctx.mailer.kind }, 'sign-up mail failed');
      return showLanding(ctx, req, res, 503, typed, 'We could not send the email just now. Please try again later.');
    }
    ctx.logger.info({ mailer: ctx.mailer.kind }, 'sign-up stored');
  }
  // The same answer either way, so the form does not reveal who is already on the list.
  redirect(res, Routes.signUpDone);
}

export function signUpDone(res: ServerResponse): void {
  sendHtml(
    res,
    200,
    messagePage({
      title: 'Check your inbox',
      paragraphs: ['We are sending the download link to the address you gave. If it does not arrive in a few minutes, look in your spam folder.'],
    }),
  );
}

export function showUnsubscribe(ctx: WebsiteContext, req: IncomingMessage, res: ServerResponse, token: string): void {
  const email = ctx.signUps.find(token);
  if (email === null) return sendHtml(res, 404, unsubscribeUnknownPage());
  const grant = issueCsrf(req);
  sendHtml(res, 200, unsubscribeConfirmPage(email, token, grant.token), cookieHeader(grant));
}

export async function unsubscribe(ctx: WebsiteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req, ctx.config.maxFormBytes);
  if (checkCsrf(req, form, ctx.config.publicUrl) !== null) return refuseForm(res);
  if (!ctx.signUps.remove(form.get('token') ?? '')) return sendHtml(res, 404, unsubscribeUnknownPage());
  ctx.logger.info('sign-up removed');
  sendHtml(res, 200, unsubscribedPage());
}
