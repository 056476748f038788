// The one email the sign-up sends, in the language the sign-up page spoke (the website's mail.*
// messages): the download link, how to install it, how long the address is kept and how to stop.
// Plain text only, so nothing in it can render as markup in a mail client. Subject and text are
// Unicode as they stand; carrying them intact is the mailer's (nodemailer writes the subject as
// RFC 2047 encoded-words and the text as UTF-8, quoted-printable or base64; the outbox file is
// UTF-8 JSON).
import type { OutgoingMail } from './mailer.ts';
import type { WebsiteWords } from './messages/website-words.ts';
import { Routes } from '../../../wire/website-routes.ts';

export interface ConfirmationParts {
  readonly from: string;
  readonly to: string;
  /** Where the links point: the public URL, never a request header. */
  readonly baseUrl: string;
  readonly unsubscribeToken: string;
  /** How long the address is kept after this mail, as the privacy page says. */
  readonly retentionMs: number;
}

/** Chrome's own page; its address is the same in every language. */
const EXTENSIONS_PAGE = 'chrome://extensions';

export function confirmationMail(w: WebsiteWords, parts: ConfirmationParts): OutgoingMail {
  const download = new URL(Routes.download, parts.baseUrl).href;
  const unsubscribe = new URL(`${Routes.unsubscribe}?token=${parts.unsubscribeToken}`, parts.baseUrl).href;
  const loadUnpacked = w.t('mail.quote', { text: w.t('landing.loadUnpacked') });
  const text = [
    w.t('mail.greeting'),
    '',
    w.t('mail.intro'),
    '',
    `  ${download}`,
    '',
    w.t('mail.install', { steps: w.t('landing.install', { extensions: EXTENSIONS_PAGE, loadUnpacked }) }),
    '',
    w.t('mail.kept', { kept: w.duration(parts.retentionMs) }),
    w.t('mail.remove'),
    '',
    `  ${unsubscribe}`,
    '',
    '-- LeaveTheMeeting',
  ].join('\n');
  return {
    from: parts.from,
    to: parts.to,
    subject: w.t('mail.subject'),
    text,
    headers: { 'List-Unsubscribe': `<${unsubscribe}>` },
  };
}
