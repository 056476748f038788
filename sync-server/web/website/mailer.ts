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

export function smtpMailer(smtpUrl: string): Mailer {
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
