// The operator's stats page: counts for the last days when the request carries the stats token
// (Bearer header or the cookie from signing in here), else the sign-in form. Wrong tokens, by
// header, cookie or form, count per client address; past the limit the address is refused
// before its token is even compared, right or wrong, until the window ends. The right token
// never counts, so the operator's own page loads do not use up the limit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress } from '../../client-address.ts';
import { checkCsrf, cookieHeader, issueCsrf } from './csrf.ts';
import { readForm } from './form-body.ts';
import { redirect, sendHtml } from './http-response.ts';
import { statsPage, statsSignInPage } from './pages/stats-page.ts';
import { Routes } from '../../../wire/website-routes.ts';
import { websiteWords } from './messages/website-words.ts';
import { refuseForm } from './sign-up-routes.ts';
import { utcDay } from './usage-counts.ts';
import type { WebsiteContext } from './website-context.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

function lastDays(now: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => utcDay(now - (count - 1 - i) * DAY_MS));
}

const WRONG_TOKEN = 'That token is not right.';

function showSignIn(req: IncomingMessage, res: ServerResponse, status: number, error: string | null, headers: Record<string, string> = {}): void {
  const grant = issueCsrf(req);
  sendHtml(res, status, statsSignInPage(grant.token, error), { ...cookieHeader(grant), ...headers });
}

/** True when the address may try a token now; otherwise answers 429 itself. */
function mayGuess(ctx: WebsiteContext, req: IncomingMessage, res: ServerResponse): boolean {
  const decision = ctx.limits.statsSignIn.peek(clientAddress(req), ctx.now());
  if (decision.ok) return true;
  ctx.logger.warn({ ip: clientAddress(req) }, 'stats token guesses rate limited');
  showSignIn(req, res, 429, 'Too many wrong tokens; try again later.', { 'retry-after': String(Math.ceil(decision.retryAfterMs / 1000)) });
  return false;
}

function countWrongToken(ctx: WebsiteContext, req: IncomingMessage): void {
  ctx.limits.statsSignIn.hit(clientAddress(req), ctx.now());
}

export async function showStats(ctx: WebsiteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!ctx.stats.presentsToken(req)) return showSignIn(req, res, 200, null);
  if (!mayGuess(ctx, req, res)) return;
  if (!ctx.stats.allows(req)) {
    countWrongToken(ctx, req);
    // A stale cookie alone (say, after the token changed) gets the form, not an error.
    return showSignIn(req, res, req.headers.authorization ? 401 : 200, req.headers.authorization ? WRONG_TOKEN : null);
  }
  const days = lastDays(ctx.now(), ctx.config.statsDays);
  sendHtml(res, 200, statsPage(await ctx.counts.since(days[0] ?? utcDay(ctx.now())), days));
}

export async function signInToStats(ctx: WebsiteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req, res, ctx.config.maxFormBytes);
  if (checkCsrf(req, form, ctx.config.publicUrl) !== null) return refuseForm(res, websiteWords('en'));
  if (!mayGuess(ctx, req, res)) return;
  const cookie = ctx.stats.signIn(form.get('token') ?? '', ctx.config.statsCookieTtlMs);
  if (cookie === null) {
    countWrongToken(ctx, req);
    return showSignIn(req, res, 401, WRONG_TOKEN);
  }
  redirect(res, Routes.stats, { 'set-cookie': cookie });
}
