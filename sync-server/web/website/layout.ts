// The frame every page shares: document head, header with the site's name and navigation, and a
// footer. Styles come from one same-origin stylesheet; the frame itself carries no script (the
// account page puts its own same-origin script and stylesheet in its body). The frame speaks the
// page's language (its words are the website's frame.* messages), and <html lang> says which.
import { html, type SafeHtml } from './html.ts';
import { Routes } from '../../../wire/website-routes.ts';
import type { WebsiteWords } from './messages/website-words.ts';
import { withSlots } from './rich-text.ts';

export interface PageFrame {
  readonly title: string;
  readonly description?: string;
  readonly body: SafeHtml;
  readonly words: WebsiteWords;
}

export function layout(frame: PageFrame): SafeHtml {
  const { words: w } = frame;
  return html`<!doctype html>
<html lang="${w.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${frame.title}</title>
${frame.description ? html`<meta name="description" content="${frame.description}">` : ''}
<link rel="stylesheet" href="${Routes.assets}site.css">
<link rel="icon" href="${Routes.assets}icon-128.png">
</head>
<body>
<header class="site-header">
  <a class="brand" href="${Routes.landing}"><img src="${Routes.assets}icon-128.png" alt="" width="28" height="28"> LeaveTheMeeting</a>
  <nav aria-label="${w.t('frame.nav')}"><a href="${Routes.landing}#download">${w.t('frame.download')}</a><a href="${Routes.privacy}">${w.t('frame.privacy')}</a><a href="${Routes.account}">${w.t('frame.account')}</a></nav>
</header>
<main id="main">
${frame.body}
</main>
<footer class="site-footer">
  <p>${withSlots(w.parts('frame.footer'), { tagline: html`${w.t('frame.tagline')}`, link: html`<a href="${Routes.privacy}">${w.t('frame.whatWeStore')}</a>` })}</p>
</footer>
</body>
</html>
`;
}
