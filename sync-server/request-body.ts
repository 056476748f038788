// Reads a request body up to a limit (both halves use it: the API and the website forms). A body
// over the limit is refused the way a keep-alive client can live with: the response is marked
// Connection: close, and the rest of the body is read and dropped before the refusal is thrown,
// so the answer goes out after the client has finished sending and the connection ends with a
// FIN, not a reset. (Destroying the request instead resets the socket: the client loses the 413,
// or reuses the connection and its next request fails.) Draining is bounded: past
// MAX_DRAIN_BYTES the refusal is thrown at once; the server's request timeout bounds the time.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** How much of a refused body is still read to let the client finish sending (lingering close). */
export const MAX_DRAIN_BYTES = 8 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly limit: number) {
    super(`body over ${limit} bytes`);
  }
}

export function readBodyWithin(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const finish = (error: Error | null) => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      if (!error) return resolve(Buffer.concat(chunks));
      // Whatever is still sent is dropped unread (the connection closes after the answer).
      req.resume();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limit) return void chunks.push(chunk);
      if (!refused) {
        refused = true;
        chunks.length = 0;
        if (!res.headersSent) res.setHeader('connection', 'close');
      }
      if (size > limit + MAX_DRAIN_BYTES) finish(new BodyTooLargeError(limit));
    };
    const onEnd = () => finish(size > limit ? new BodyTooLargeError(limit) : null);
    const onError = (error: Error) => finish(error);
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
