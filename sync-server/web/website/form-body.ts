// Reads a small urlencoded form body. Anything larger than the limit or of another type is
// refused before it is parsed, so a form endpoint cannot be made to buffer much; a body over the
// limit is refused with Connection: close after it is drained (sync-server/request-body.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBodyWithin } from '../../request-body.ts';

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

export async function readForm(req: IncomingMessage, res: ServerResponse, limit: number): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== FORM_TYPE) throw new FormBodyError(415, `expected ${FORM_TYPE}`);
  return new URLSearchParams((await readLimited(req, res, limit)).toString('utf8'));
}

export async function readLimited(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer> {
  try {
    return await readBodyWithin(req, res, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new FormBodyError(413, error.message);
    throw error;
  }
}
