// The operator's stats page: counts for the last days when the request carries the stats token
// (Bearer header or the cookie from signing in here), else the sign-in form.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress } from '../../client-address.ts';
import { checkCsrf, cookieHeader, issueCsrf } from './csrf.ts';
import { readForm } from './form-body.ts';
import { redirect, sendHtml } from './http-response.ts';
import { statsPage, statsSignInPage } from './pages/stats-page.ts';
import { Routes } from '../../../wire/website-routes.ts';
import { refuseForm } from './sign-up-routes.ts';
import { utcDay } from './usage-counts.ts';
import type { WebsiteContext } from './website-context.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

function lastDays(now: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => utcDay(now - (count - 1 - i) * DAY_MS));
}

function showSignIn(req: IncomingMessage, res: ServerResponse, status: number, error: string | null): void {
  const grant = issueCsrf(req);
  sendHtml(res, status, statsSignInPage(grant.token, error), cookieHeader(grant));
}

export function showStats(ctx: WebsiteContext, req: IncomingMessage, res: ServerResponse): void {
  if (!ctx.stats.allows(req)) {
    return showSignIn(req, res, req.headers.authorization ? 401 : 200, req.headers.authorization ? 'That token is not right.' : null);
  }
  const days = lastDays(ctx.now(), ctx.config.statsDays);
  sendHtml(res, 200, statsPage(ctx.counts.since(days[0] ?? utcDay(ctx.now())), days));
}

export async function signInToStats(ctx: WebsiteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req, res, ctx.config.maxFormBytes);
  if (checkCsrf(req, form, ctx.config.publicUrl) !== null) return refuseForm(res);
  if (!ctx.limits.statsSignIn.hit(clientAddress(req), ctx.now()).ok) return showSignIn(req, res, 429, 'Too many attempts; try again later.');
  const cookie = ctx.stats.signIn(form.get('token') ?? '', ctx.config.statsCookieTtlMs);
  if (cookie === null) return showSignIn(req, res, 401, 'That token is not right.');
  redirect(res, Routes.stats, { 'set-cookie': cookie });
}
