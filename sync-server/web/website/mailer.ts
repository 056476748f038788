// Where the site's emails go: through SMTP (nodemailer) when an SMTP URL is configured, else to
// the outbox file (outbox-file-mailer.ts). A mailer only hands mail over; queueing and retries
// are the sender's (mail-sender.ts).
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
  /** Deletes what the mailer itself keeps of an address (the outbox file's lines): every line
   *  to `to` when given, and every line written at or before `upTo`. SMTP keeps nothing. */
  forget(to: string | null, upTo: number): Promise<void>;
  close(): void;
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
    async forget() {},
    close() {
      transport.close();
    },
  };
}
