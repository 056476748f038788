// The landing page: what the product does, real screenshots of the extension, the download and
// the "send me the link" form (with its CSRF field and, after a refused submit, the reason).
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { Routes } from '../../../../wire/website-routes.ts';
import { signUpForm, type SignUpFormState } from './sign-up-form.ts';

export interface Screenshot {
  readonly file: string;
  readonly alt: string;
  readonly caption: string;
}

export const SCREENSHOTS: readonly Screenshot[] = [
  { file: 'screenshot-editor.png', alt: 'The agenda editor in the side panel: items with their time boxes', caption: 'Plan: items with time boxes, from a template or from scratch.' },
  { file: 'screenshot-run.png', alt: 'A running meeting: the current item, its clock and notes', caption: 'Run: one clock everyone sees, notes per item.' },
  { file: 'screenshot-report.png', alt: 'The report after the meeting: planned against actual time per item', caption: 'Finish: planned against actual, decisions and actions.' },
] as const;

const FEATURES = [
  ['Time boxes that hold', 'Every item gets its minutes. The clock shows what is left, warns before the end and moves on when you say so.'],
  ['One clock for everyone', 'Share a live link: colleagues see the same agenda and the same clock in any browser, no extension needed.'],
  ['Notes, decisions, actions', 'Write them under the item they belong to; the report collects them when the meeting ends.'],
  ['Yours, offline first', 'Everything lives in your browser and works without a network or an account. A relay you can run yourself syncs your devices.'],
] as const;

export interface LandingState {
  readonly form: SignUpFormState;
  /** Size of the packaged extension, or null when it has not been built. */
  readonly zipBytes: number | null;
}

function download(zipBytes: number | null): SafeHtml {
  if (zipBytes === null) {
    return html`<p class="notice" role="status">The packaged extension is not available on this server yet. Its operator builds it with <code>npm run build</code>.</p>`;
  }
  const kib = Math.max(1, Math.round(zipBytes / 1024));
  return html`<p><a class="button" href="${Routes.download}" download>Download the extension (.zip, ${kib} kB)</a></p>
<p class="small">Unzip it, open <code>chrome://extensions</code>, switch on Developer mode, choose <em>Load unpacked</em> and pick the unzipped folder.</p>`;
}

export function landingPage(state: LandingState): SafeHtml {
  const body = html`<section class="hero">
  <h1>Meetings that end on time.</h1>
  <p class="lead">LeaveTheMeeting runs your meeting by its agenda: time-boxed items, a clock every participant sees, notes per item, decisions and action items, and a planned-against-actual report at the end.</p>
  <p><a class="button" href="#download">Get the Chrome extension</a></p>
</section>
<section aria-labelledby="features-title">
  <h2 id="features-title">What it does</h2>
  <ul class="features">
    ${FEATURES.map(([title, text]) => html`<li><h3>${title}</h3><p>${text}</p></li>`)}
  </ul>
</section>
<section aria-labelledby="shots-title">
  <h2 id="shots-title">In the side panel</h2>
  <div class="shots">
    ${SCREENSHOTS.map((shot) => html`<figure><img src="${Routes.assets}${shot.file}" alt="${shot.alt}" loading="lazy" width="360" height="640"><figcaption>${shot.caption}</figcaption></figure>`)}
  </div>
</section>
<section id="download" aria-labelledby="download-title">
  <h2 id="download-title">Download</h2>
  ${download(state.zipBytes)}
</section>
<section id="signup" aria-labelledby="signup-title">
  <h2 id="signup-title">Send me the link</h2>
  <p>On your phone now? Leave your address and we email you the download link for your computer.</p>
  ${signUpForm(state.form)}
</section>`;
  return layout({
    title: 'LeaveTheMeeting: meetings that end on time',
    description: 'A Chrome extension that runs meetings by agenda: time boxes, a shared clock, notes, decisions, actions and a planned-vs-actual report.',
    body,
  });
}
