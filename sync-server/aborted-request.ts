// A client that hangs up before its request body is complete: its business, not a server fault.
// Both halves meet it (the API reads bodies in the relay, the website's forms in the web half),
// and both log it as one warn line naming the route and the address, with no stack trace.
import type { IncomingMessage } from 'node:http';
import { clientAddress } from './client-address.ts';

interface WarnLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** Logs and returns true when error is the client's hang-up mid-body; false for anything else. */
export function warnIfAborted(logger: WarnLogger, req: IncomingMessage, path: string, error: unknown): boolean {
  if (req.complete || (error as NodeJS.ErrnoException | null)?.code !== 'ECONNRESET') return false;
  logger.warn({ method: req.method, path, ip: clientAddress(req) }, 'request body aborted by the client');
  return true;
}
