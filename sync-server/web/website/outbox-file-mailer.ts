// The mailer of a relay without SMTP: each message is appended as one JSON line to a file in the
// data directory (owner-only), so the operator can read exactly what would have been sent. The
// file holds addresses too, so it obeys the same retention as the sign-ups: forget() rewrites it
// without the lines of an unsubscribed address or past the retention time. Appends and rewrites
// run one at a time, so a rewrite never loses a line appended meanwhile.
import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateFile } from '../../private-files.ts';
import type { Mailer } from './mailer.ts';

interface Line {
  readonly queuedAt?: string;
  readonly to?: string;
}

function keeps(line: string, to: string | null, upTo: number): boolean {
  let parsed: Line;
  try {
    parsed = JSON.parse(line) as Line;
  } catch {
    // A line cut short (the disk filled mid-append) is not a mail; it may hold an address.
    return false;
  }
  const at = Date.parse(parsed.queuedAt ?? '');
  return parsed.to !== to && Number.isFinite(at) && at > upTo;
}

export function outboxFileMailer(dataDir: string, fileName: string, now: () => number): Mailer {
  const file = join(dataDir, fileName);
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => {});
    return result;
  };

  return {
    kind: 'outbox',
    send: (mail) =>
      serial(async () => {
        const line = JSON.stringify({ queuedAt: new Date(now()).toISOString(), ...mail });
        // Created 0600 whatever the umask, and refused if someone opened it to others since.
        ensurePrivateFile(file);
        await appendFile(file, `${line}\n`);
      }),
    forget: (to, upTo) =>
      serial(async () => {
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw error;
        }
        const lines = text.split('\n').filter((line) => line !== '');
        const kept = lines.filter((line) => keeps(line, to, upTo));
        if (kept.length === lines.length) return;
        // Write aside and rename, so a crash leaves the old file or the new one, never half.
        const next = `${file}.next`;
        ensurePrivateFile(next);
        await writeFile(next, kept.map((line) => `${line}\n`).join(''));
        await rename(next, file);
      }),
    close() {},
  };
}
