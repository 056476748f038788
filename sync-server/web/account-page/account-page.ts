// Serves /account (the HTML shell, in the language the request's Accept-Language picks), its
// script and its stylesheet, as an httpFallback for the relay. Everything else resolves false so
// the next fallback (the website) can answer. The page talks to the relay's JSON API with a
// bearer session from sessionStorage and sets no cookie, so a cross-site request carries no
// credential: there is no CSRF surface to defend.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { installPath } from '../../install-root.ts';
import type { Logger } from '../../logger.ts';
import type { HttpFallback } from '../../relay/transport/http-routes.ts';
import type { SafeHtml } from '../website/html.ts';
import { redirect, SECURITY_HEADERS, sendHtml, sendPlain } from '../website/http-response.ts';
import { negotiateLanguage } from '../languages/accept-language.ts';
import { AccountRoutes } from './account-routes.ts';
import { accountShell, type ShellRules } from './account-shell.ts';
import { accountScript } from './client-bundle.ts';
import type { SiteLanguage } from '../languages/site-languages.ts';

const STYLES_FILE = installPath('sync-server', 'web', 'account-page', 'account.css');
// Served fresh on every release without fingerprinted names: revalidate, never store stale.
const ASSET_CACHE = 'no-cache' as const;

export interface AccountPageOptions {
  readonly logger: Pick<Logger, 'error'>;
  readonly rules: ShellRules;
}

function sendAsset(res: ServerResponse, contentType: string, body: string): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': ASSET_CACHE,
  });
  res.end(body);
}

export function createAccountPage(options: AccountPageOptions): HttpFallback {
  let styles: Promise<string> | null = null;
  // A fixed page per language: rendered once, not per request.
  const shells = new Map<SiteLanguage, SafeHtml>();
  const shellIn = (lang: SiteLanguage): SafeHtml => {
    let shell = shells.get(lang);
    if (!shell) shells.set(lang, (shell = accountShell(lang, options.rules)));
    return shell;
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void> | void> = {
    [AccountRoutes.page]: (req, res) => {
      // A form posted before the script ran: its fields are dropped, the page is shown again.
      if (req.method === 'POST') return redirect(res, AccountRoutes.page);
      // The shell's language follows the request's header, so caches must key on it too.
      const lang = negotiateLanguage(req.headers['accept-language']);
      sendHtml(res, 200, shellIn(lang), { vary: 'Accept-Language', 'content-language': lang });
    },
    [AccountRoutes.script]: async (_req, res) => sendAsset(res, 'text/javascript; charset=utf-8', await accountScript()),
    [AccountRoutes.styles]: async (_req, res) => {
      styles ??= readFile(STYLES_FILE, 'utf8');
      sendAsset(res, 'text/css; charset=utf-8', await styles);
    },
  };

  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://relay.invalid').pathname;
    const route = routes[path];
    if (route === undefined) return false;
    const allowed = path === AccountRoutes.page ? ['GET', 'HEAD', 'POST'] : ['GET', 'HEAD'];
    if (!allowed.includes(req.method ?? '')) {
      sendPlain(res, 405, 'method not allowed', { allow: allowed.join(', ') });
      return true;
    }
    try {
      await route(req, res);
    } catch (error) {
      options.logger.error({ err: error, path }, 'serving the account page failed');
      if (!res.headersSent) sendPlain(res, 500, 'The account page could not be served.');
    }
    return true;
  };
}
