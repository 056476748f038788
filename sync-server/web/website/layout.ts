// The frame every page shares: document head, header with the site's name and navigation, and a
// footer. Styles come from one same-origin stylesheet; no page carries a script.
import { html, type SafeHtml } from './html.ts';
import { Routes } from '../../../wire/website-routes.ts';

export interface PageFrame {
  readonly title: string;
  readonly description?: string;
  readonly body: SafeHtml;
}

export function layout(frame: PageFrame): SafeHtml {
  return html`<!doctype html>
<html lang="en">
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
  <nav aria-label="Site"><a href="${Routes.landing}#download">Download</a><a href="${Routes.privacy}">Privacy</a><a href="${Routes.account}">Account</a></nav>
</header>
<main id="main">
${frame.body}
</main>
<footer class="site-footer">
  <p>LeaveTheMeeting: meetings that end on time. <a href="${Routes.privacy}">What we store</a>.</p>
</footer>
</body>
</html>
`;
}
