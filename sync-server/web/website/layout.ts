// The frame every page shares: document head, header with the site's name and navigation, and a
// footer. Styles come from one same-origin stylesheet; no page carries a script. The frame speaks
// English unless a page that speaks the reader's language (the account page) passes its words.
import { html, type SafeHtml } from './html.ts';
import { Routes } from '../../../wire/website-routes.ts';

export interface FrameWords {
  readonly nav: string;
  readonly download: string;
  readonly privacy: string;
  readonly account: string;
  readonly tagline: string;
  readonly whatWeStore: string;
}

export const ENGLISH_FRAME: FrameWords = {
  nav: 'Site',
  download: 'Download',
  privacy: 'Privacy',
  account: 'Account',
  tagline: 'LeaveTheMeeting: meetings that end on time.',
  whatWeStore: 'What we store',
};

export interface PageFrame {
  readonly title: string;
  readonly description?: string;
  readonly body: SafeHtml;
  /** The page's language tag, for <html lang>; English when absent. */
  readonly lang?: string;
  readonly words?: FrameWords;
}

export function layout(frame: PageFrame): SafeHtml {
  const words = frame.words ?? ENGLISH_FRAME;
  return html`<!doctype html>
<html lang="${frame.lang ?? 'en'}">
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
  <nav aria-label="${words.nav}"><a href="${Routes.landing}#download">${words.download}</a><a href="${Routes.privacy}">${words.privacy}</a><a href="${Routes.account}">${words.account}</a></nav>
</header>
<main id="main">
${frame.body}
</main>
<footer class="site-footer">
  <p>${words.tagline} <a href="${Routes.privacy}">${words.whatWeStore}</a>.</p>
</footer>
</body>
</html>
`;
}
