// Reads a message as an SMTP receiver got it (smtp-sink.ts), the way a mail client would: headers
// unfolded, RFC 2047 encoded-words in a header decoded (adjacent words joined before decoding, since
// a word may end inside a character), and the body decoded by its Content-Transfer-Encoding into
// UTF-8 text with the wire's CRLF as \n. It decodes only what a plain-text mail uses, so a suite can
// check that non-English text arrives intact.
export interface ReadMessage {
  /** Lower-cased names; values unfolded but still encoded as sent. */
  readonly headers: ReadonlyMap<string, string>;
  /** A header with its encoded-words decoded. */
  decoded(name: string): string;
  readonly text: string;
}

const ENCODED_WORD = /=\?([^?]+)\?([QB])\?([^?]*)\?=/gi;

function qBytes(text: string, underscoreIsSpace: boolean): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (char === '_' && underscoreIsSpace) bytes.push(0x20);
    else bytes.push(...Buffer.from(char, 'utf8'));
  }
  return Buffer.from(bytes);
}

function decodeWords(value: string): string {
  // The white space between two encoded-words is not part of the text (RFC 2047, 6.2).
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  let out = '';
  let pending: Buffer[] = [];
  let last = 0;
  for (const match of joined.matchAll(ENCODED_WORD)) {
    if (match.index > last) {
      out += Buffer.concat(pending).toString('utf8') + joined.slice(last, match.index);
      pending = [];
    }
    const [, , encoding, payload] = match;
    pending.push(encoding!.toUpperCase() === 'B' ? Buffer.from(payload!, 'base64') : qBytes(payload!, true));
    last = match.index + match[0].length;
  }
  return out + Buffer.concat(pending).toString('utf8') + joined.slice(last);
}

export function readMessage(data: string): ReadMessage {
  const split = data.indexOf('\r\n\r\n');
  const head = data.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map(
    head.split('\r\n').map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
    }),
  );
  const body = data.slice(split + 4);
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : encoding === 'quoted-printable' ? qBytes(body.replace(/=\r\n/g, ''), false) : Buffer.from(body, 'utf8');
  return {
    headers,
    decoded: (name) => decodeWords(headers.get(name.toLowerCase()) ?? ''),
    text: bytes.toString('utf8').replace(/\r\n/g, '\n'),
  };
}
