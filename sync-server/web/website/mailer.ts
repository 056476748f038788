// Where the site's emails go: through SMTP (nodemailer) when an SMTP URL is configured, else
// appended as one JSON line per message to an outbox file in the data directory, so a relay
// without mail still records exactly what it would have sent (and tests can read it).
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

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

const OWNER_ONLY = 0o600;

export function outboxMailer(dataDir: string, fileName: string): Mailer {
  const file = join(dataDir, fileName);
  return {
    kind: 'outbox',
    async send(mail) {
      const line = JSON.stringify({ queuedAt: new Date().toISOString(), ...mail });
      await appendFile(file, `${line}\n`, { mode: OWNER_ONLY });
    },
    close() {},
  };
}

export class SmtpUrlError extends Error {
  override readonly name = 'SmtpUrlError';
}

const SMTP_PROTOCOLS = ['smtp:', 'smtps:'];

/** nodemailer takes any string and fails later with a message about its own internals. The
 *  value is not echoed: it may hold a password. */
export function checkSmtpUrl(smtpUrl: string): void {
  if (!URL.canParse(smtpUrl) || !SMTP_PROTOCOLS.includes(new URL(smtpUrl).protocol)) {
    throw new SmtpUrlError('the SMTP URL (LTM_SMTP_URL) must look like smtp://user:password@host:587 or smtps://…; the value given is not one');
  }
}

export function smtpMailer(smtpUrl: string): Mailer {
  checkSmtpUrl(smtpUrl);
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
