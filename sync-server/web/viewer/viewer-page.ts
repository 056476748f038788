// Serves the live viewer as an httpFallback for the relay: the built HTML shell for
// /m/<meetingId> (any well-formed meeting id; the page itself learns from the relay whether the
// link works), and its assets. A malformed id gets a clear 404 page, an unbuilt viewer a 503
// page, both in the language the request's Accept-Language picks. Every response carries the
// website's strict security headers; the CSP's default-src 'self' also covers the page's
// same-origin websocket (CSP Level 3 lets 'self' match ws:/wss: on the same host and port). Two
// relaxations: style-src also takes a fresh nonce per response, handed to the page in a meta
// tag, because CodeMirror (the notes editor) writes its theme into a <style> element at run
// time; and script-src takes the hash of each inline script the built shell carries (the early
// socket, extension/viewer/early-start.ts), so that script and no other inline one runs. Other
// paths resolve false.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ID_PATTERN } from '../../../wire/doc-name.ts';
import type { Logger } from '../../logger.ts';
import type { HttpFallback } from '../../relay/transport/http-routes.ts';
import { STYLE_NONCE_META } from '../../../wire/style-nonce.ts';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, sendHtml, sendPlain } from '../website/http-response.ts';
import { messagePage } from '../website/pages/message-page.ts';
import { websiteWords } from '../website/messages/website-words.ts';
import { negotiateLanguage } from '../languages/accept-language.ts';
import { ViewerFiles, type ViewerFile } from './viewer-files.ts';
import { ViewerRoutes } from '../../../wire/viewer-routes.ts';

// Asset names carry a content hash, so they never change.
const ASSET_CACHE = 'public, max-age=31536000, immutable' as const;
const ALLOWED_METHODS = ['GET', 'HEAD'] as const;
const NONCE_BYTES = 16 as const;
const STYLE_SOURCE = "style-src 'self'" as const;
const SCRIPT_SOURCE = "script-src 'self'" as const;
// An inline script is one without attributes; the shell's module scripts all have a src.
const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/g;
const NONCE_META = new RegExp(`<meta name="${STYLE_NONCE_META}" content="[^"]*"\\s*/?>`);

export class ViewerShellError extends Error {
  override readonly name = 'ViewerShellError';
}

/** The CSP source of each inline script in the shell: its SHA-256, as CSP Level 2 hashes it. */
export function inlineScriptHashes(shell: string): string[] {
  return [...shell.matchAll(INLINE_SCRIPT)].map(([, body]) => `'sha256-${createHash('sha256').update(body ?? '', 'utf8').digest('base64')}'`);
}

/** The page's CSP: the website's, with this response's nonce added to style-src and the shell's
 *  inline scripts' hashes to script-src. */
export function viewerContentSecurityPolicy(nonce: string, scriptHashes: readonly string[] = []): string {
  if (!CONTENT_SECURITY_POLICY.includes(STYLE_SOURCE)) throw new ViewerShellError('the website CSP has no style-src to extend');
  if (!CONTENT_SECURITY_POLICY.includes(SCRIPT_SOURCE)) throw new ViewerShellError('the website CSP has no script-src to extend');
  const scripts = [SCRIPT_SOURCE, ...scriptHashes].join(' ');
  return CONTENT_SECURITY_POLICY.replace(STYLE_SOURCE, `${STYLE_SOURCE} 'nonce-${nonce}'`).replace(SCRIPT_SOURCE, scripts);
}

export interface ViewerPageOptions {
  readonly logger: Pick<Logger, 'error'>;
  /** The built viewer; dist/viewer by default. */
  readonly distDir?: string;
}

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

function sendAsset(req: IncomingMessage, res: ServerResponse, file: ViewerFile): void {
  const gzip = acceptsGzip(req);
  const body = gzip ? file.gzipped : file.body;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': file.contentType,
    'content-length': String(body.byteLength),
    'cache-control': ASSET_CACHE,
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendProblem(req: IncomingMessage, res: ServerResponse, status: number, problem: 'badLink' | 'notBuilt'): void {
  const w = websiteWords(negotiateLanguage(req.headers['accept-language']));
  const page = messagePage({ title: w.t(`viewer.${problem}.title`), paragraphs: [w.t(`viewer.${problem}.text`)] }, w);
  sendHtml(res, status, page, { vary: 'Accept-Language', 'content-language': w.lang });
}

async function servePage(req: IncomingMessage, res: ServerResponse, files: ViewerFiles, meetingId: string): Promise<void> {
  if (!ID_PATTERN.test(meetingId)) return sendProblem(req, res, 404, 'badLink');
  const shell = await files.shell();
  if (shell === null) return sendProblem(req, res, 503, 'notBuilt');
  const text = shell.body.toString('utf8');
  if (!NONCE_META.test(text)) throw new ViewerShellError(`the built viewer shell has no ${STYLE_NONCE_META} meta tag`);
  const nonce = randomBytes(NONCE_BYTES).toString('base64');
  const body = Buffer.from(text.replace(NONCE_META, `<meta name="${STYLE_NONCE_META}" content="${nonce}">`));
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-security-policy': viewerContentSecurityPolicy(nonce, inlineScriptHashes(text)),
    'content-type': shell.contentType,
    'content-length': String(body.byteLength),
    // A nonce is good for one response only: the shell is never reused from a cache.
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function createViewerPage(options: ViewerPageOptions): HttpFallback {
  const files = new ViewerFiles(options.distDir);

  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://relay.invalid').pathname;
    const isPage = path.startsWith(ViewerRoutes.pagePrefix);
    const isAsset = path.startsWith(ViewerRoutes.assetsPrefix);
    if (!isPage && !isAsset) return false;
    if (!(ALLOWED_METHODS as readonly string[]).includes(req.method ?? '')) {
      sendPlain(res, 405, 'method not allowed', { allow: ALLOWED_METHODS.join(', ') });
      return true;
    }
    try {
      if (isPage) {
        await servePage(req, res, files, path.slice(ViewerRoutes.pagePrefix.length));
        return true;
      }
      const asset = await files.asset(path.slice(ViewerRoutes.assetsPrefix.length));
      if (asset === null) return false;
      sendAsset(req, res, asset);
    } catch (error) {
      options.logger.error({ err: error, path }, 'serving the live viewer failed');
      if (!res.headersSent) sendPlain(res, 500, 'The live viewer could not be served.');
    }
    return true;
  };
}
