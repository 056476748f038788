// Where the site's emails go: through SMTP (nodemailer) when an SMTP URL is configured, else
// appended as one JSON line per message to an outbox file in the data directory, so a relay
// without mail still records exactly what it would have sent (and tests can read it).
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { ensurePrivateFile } from '../../data-directory.ts';

export interface OutgoingMail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function outboxMailer(dataDir: string, fileName: string): Mailer {
  const file = join(dataDir, fileName);
  return {
    kind: 'outbox',
    async send(mail) {
      const line = JSON.stringify({ queuedAt: new Date().toISOString(), ...mail });
      // Created 0600 whatever the umask, and refused if someone opened it to others since.
      ensurePrivateFile(file);
      await appendFile(file, `${line}\n`);
    },
    close() {},
  };
}

export function smtpMailer(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    kind: 'smtp',
    async send(mail) {
      await transport.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, headers: { ...mail.headers } });
    },
    close() {
      transport.close();
    },
  };
}
