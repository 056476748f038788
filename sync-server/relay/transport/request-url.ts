// A request's target as a URL, or null when no URL can be made of it (`//`, `/\`, `//a b/`):
// `new URL` throws on those, and a throw in the server's request or upgrade handler, outside any
// promise, would end the whole process.
import type { IncomingMessage } from 'node:http';

export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://relay');
  } catch {
    return null;
  }
}

/** The target as logged: without its query, which can carry a token, and bounded, so a long
 *  one cannot flood the log. */
export function loggedTarget(req: IncomingMessage): string {
  return (req.url ?? '').split('?', 1)[0]!.slice(0, 100);
}
