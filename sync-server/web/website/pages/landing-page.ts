// The landing page, in the reader's language: what the product does, real screenshots of the
// extension, the download and the "send me the link" form (with its CSRF field and, after a
// refused submit, the reason).
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { Routes } from '../../../../wire/website-routes.ts';
import type { SiteLanguage } from '../../languages/site-languages.ts';
import type { WebsiteWords } from '../messages/website-words.ts';
import { withSlots } from '../rich-text.ts';
import { signUpForm, type SignUpFormState } from './sign-up-form.ts';

export const SCREENSHOTS = [
  { name: 'editor', words: 'shot.editor' },
  { name: 'run', words: 'shot.run' },
  { name: 'report', words: 'shot.report' },
] as const;

export type ScreenshotName = (typeof SCREENSHOTS)[number]['name'];

/** The asset of one screenshot as the extension shows itself in that language (captured by
 *  scripts/capture-screenshots.ts), so a German page shows a German side panel. */
export function screenshotFile(name: ScreenshotName, lang: SiteLanguage): string {
  return `screenshot-${name}-${lang}.png`;
}

const FEATURES = ['feature.timeBoxes', 'feature.oneClock', 'feature.notes', 'feature.offline'] as const;

export interface LandingState {
  readonly form: SignUpFormState;
  /** Size of the packaged extension, or null when it has not been built. */
  readonly zipBytes: number | null;
}

function download(zipBytes: number | null, w: WebsiteWords): SafeHtml {
  if (zipBytes === null) {
    return html`<p class="notice" role="status">${withSlots(w.parts('landing.notBuilt'), { command: html`<code>npm run build</code>` })}</p>`;
  }
  // Intl's kilobyte is 1,000 bytes (kB), so the count is of thousands, not of 1,024s.
  const size = new Intl.NumberFormat(w.lang, { style: 'unit', unit: 'kilobyte' }).format(Math.max(1, Math.round(zipBytes / 1000)));
  const install = withSlots(w.parts('landing.install'), {
    extensions: html`<code>chrome://extensions</code>`,
    loadUnpacked: html`<em>${w.t('landing.loadUnpacked')}</em>`,
  });
  return html`<p><a class="button" href="${Routes.download}" download>${w.t('landing.downloadButton', { size })}</a></p>
<p class="small">${install}</p>`;
}

export function landingPage(state: LandingState, w: WebsiteWords): SafeHtml {
  const body = html`<section class="hero">
  <h1>${w.t('landing.heading')}</h1>
  <p class="lead">${w.t('landing.lead')}</p>
  <p><a class="button" href="#download">${w.t('landing.getExtension')}</a></p>
</section>
<section aria-labelledby="features-title">
  <h2 id="features-title">${w.t('landing.featuresTitle')}</h2>
  <ul class="features">
    ${FEATURES.map((feature) => html`<li><h3>${w.t(`${feature}.title`)}</h3><p>${w.t(`${feature}.text`)}</p></li>`)}
  </ul>
</section>
<section aria-labelledby="shots-title">
  <h2 id="shots-title">${w.t('landing.shotsTitle')}</h2>
  <div class="shots">
    ${SCREENSHOTS.map((shot) => html`<figure><img src="${Routes.assets}${screenshotFile(shot.name, w.lang)}" alt="${w.t(`${shot.words}.alt`)}" loading="lazy" width="360" height="640"><figcaption>${w.t(`${shot.words}.caption`)}</figcaption></figure>`)}
  </div>
</section>
<section id="download" aria-labelledby="download-title">
  <h2 id="download-title">${w.t('landing.downloadTitle')}</h2>
  ${download(state.zipBytes, w)}
</section>
<section id="signup" aria-labelledby="signup-title">
  <h2 id="signup-title">${w.t('landing.signUpTitle')}</h2>
  <p>${w.t('landing.signUpLead')}</p>
  ${signUpForm(state.form, w)}
</section>`;
  return layout({ words: w, title: w.t('landing.title'), description: w.t('landing.description'), body });
}
