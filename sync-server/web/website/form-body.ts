// Reads a small urlencoded form body. Anything larger than the limit or of another type is
// refused before it is parsed, so a form endpoint cannot be made to buffer much.
import type { IncomingMessage } from 'node:http';

export class FormBodyError extends Error {
  override readonly name = 'FormBodyError';
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

const FORM_TYPE = 'application/x-www-form-urlencoded' as const;

export async function readForm(req: IncomingMessage, limit: number): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== FORM_TYPE) throw new FormBodyError(415, `expected ${FORM_TYPE}`);
  return new URLSearchParams((await readLimited(req, limit)).toString('utf8'));
}

export async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > limit) throw new FormBodyError(413, `body over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
