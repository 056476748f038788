// The one email the sign-up sends: the download link, why the person gets it, and how to stop.
// Plain text only, so nothing in it can render as markup in a mail client.
import type { OutgoingMail } from './mailer.ts';
import { Routes } from '../../../wire/website-routes.ts';

/** `keptFor` is how long the address is kept after this mail ("7 days", as the privacy page says). */
export function confirmationMail(from: string, to: string, baseUrl: string, unsubscribeToken: string, keptFor: string): OutgoingMail {
  const download = new URL(Routes.download, baseUrl).href;
  const unsubscribe = new URL(`${Routes.unsubscribe}?token=${unsubscribeToken}`, baseUrl).href;
  const text = [
    'Hello,',
    '',
    'you asked for the LeaveTheMeeting download link. Here it is:',
    '',
    `  ${download}`,
    '',
    'To install: unzip it, open chrome://extensions, switch on Developer mode,',
    'choose "Load unpacked" and pick the unzipped folder.',
    '',
    `We keep your address and the time you asked, and nothing else, for ${keptFor}`,
    'at most; then they are deleted. To remove them now:',
    '',
    `  ${unsubscribe}`,
    '',
    '-- LeaveTheMeeting',
  ].join('\n');
  return {
    from,
    to,
    subject: 'Your LeaveTheMeeting download link',
    text,
    headers: { 'List-Unsubscribe': `<${unsubscribe}>` },
  };
}
