// Usage events from the extension and the uninstall page. Each request adds one to a daily
// counter and nothing else; the per-IP limiter lives in memory only. Events carry no
// credentials, so any origin may send them (the extension posts from chrome-extension://).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress } from '../../client-address.ts';
import { FormBodyError, readLimited } from './form-body.ts';
import { sendHtml, sendPlain, SECURITY_HEADERS } from './http-response.ts';
import type { WebsiteWords } from './messages/website-words.ts';
import { messagePage } from './pages/message-page.ts';
import { isUsageEvent, parseVersion, UNKNOWN_VERSION, type UsageEvent } from './usage-counts.ts';
import type { WebsiteContext } from './website-context.ts';

const EVENT_BODY_LIMIT = 512;
const EVENT_CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
} as const;
const JSON_TYPES = ['application/json', 'text/plain'] as const;

export class EventRefusal extends Error {
  override readonly name = 'EventRefusal';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function eventsPreflight(res: ServerResponse): void {
  res.writeHead(204, { ...SECURITY_HEADERS, ...EVENT_CORS });
  res.end();
}

function parseEvent(body: Buffer): { event: UsageEvent; version: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new EventRefusal(400, 'body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) throw new EventRefusal(400, 'expected {event, version}');
  const { event, version } = parsed as Record<string, unknown>;
  if (!isUsageEvent(event)) throw new EventRefusal(400, 'unknown event');
  const parsedVersion = parseVersion(version);
  if (parsedVersion === null) throw new EventRefusal(400, 'version must be dotted numbers');
  return { event, version: parsedVersion };
}

export async function recordEvent(ctx: WebsiteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!(JSON_TYPES as readonly string[]).includes(type)) throw new EventRefusal(415, 'send JSON');
    if (!ctx.limits.events.hit(clientAddress(req), ctx.now()).ok) throw new EventRefusal(429, 'too many events');
    const { event, version } = parseEvent(await readLimited(req, res, EVENT_BODY_LIMIT));
    await ctx.counts.count(event, version, ctx.now());
    res.writeHead(204, { ...SECURITY_HEADERS, ...EVENT_CORS });
    res.end();
  } catch (error) {
    if (!(error instanceof EventRefusal || error instanceof FormBodyError)) throw error;
    sendPlain(res, error.status, error.message, EVENT_CORS);
  }
}

export async function uninstalled(ctx: WebsiteContext, req: IncomingMessage, res: ServerResponse, w: WebsiteWords, version: string | null): Promise<void> {
  if (ctx.limits.events.hit(clientAddress(req), ctx.now()).ok) {
    await ctx.counts.count('uninstalled', parseVersion(version) ?? UNKNOWN_VERSION, ctx.now());
  }
  sendHtml(res, 200, messagePage({ title: w.t('goodbye.title'), paragraphs: [w.t('goodbye.removed'), w.t('goodbye.relay')] }, w));
}
