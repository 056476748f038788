// The website's pages on a real relay speak the language the request's Accept-Language asks for:
// landing, sign-up refusals, the privacy page (durations from config, written in the language),
// confirmation and unsubscribe pages; <html lang> and Content-Language name it, every answer says
// Vary: Accept-Language (a cache must not hand a German page to a French reader), and a German page
// shows no English sentence of the catalogs. Without a header, or with an unknown language, the
// pages stay English.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Routes } from '../../../../wire/website-routes.ts';
import { en } from '../../../../sync-server/web/website/messages/en.ts';
import { enFacts } from '../../../../sync-server/web/website/messages/facts/en.ts';
import { startWebsiteRelay, openForm, postForm, type WebsiteRelay } from './website-relay.ts';

const Languages = suite<{ site: WebsiteRelay | null }>('website languages', { site: null });

Languages.before(async (ctx) => {
  ctx.site = await startWebsiteRelay();
});
Languages.after(async (ctx) => {
  await ctx.site?.close();
});

interface Page {
  readonly status: number;
  readonly text: string;
  readonly vary: string;
  readonly cache: string;
  readonly language: string;
}

async function get(site: WebsiteRelay | null, path: string, acceptLanguage?: string): Promise<Page> {
  assert.ok(site, 'set up');
  const res = await fetch(new URL(path, site.url), { headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {}, redirect: 'manual' });
  return {
    status: res.status,
    text: await res.text(),
    vary: res.headers.get('vary') ?? '',
    cache: res.headers.get('cache-control') ?? '',
    language: res.headers.get('content-language') ?? '',
  };
}

/** The page's visible text, roughly: tags dropped, entities the pages use put back. */
const visible = (page: string) => page.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

function assertNoEnglish(page: string, what: string): void {
  const shown = visible(page);
  const sentences = [...Object.values(en), ...Object.values(enFacts)].filter((text) => text.length > 12 && !text.includes('{'));
  assert.equal(sentences.filter((text) => shown.includes(text)), [], `${what}: English sentences left`);
}

function assertGerman(page: Page, what: string): void {
  assert.is(page.status, 200, what);
  assert.match(page.text, /<html lang="de">/, what);
  assert.match(page.vary, /accept-language/i, what);
  assert.is(page.language, 'de', `${what}: Content-Language`);
  assert.match(page.text, /<a href="\/privacy">Datenschutz<\/a>/, `${what}: the frame`);
  assert.match(page.text, /LeaveTheMeeting: Besprechungen, die pünktlich enden\. <a href="\/privacy">Was wir speichern<\/a>\./, `${what}: the footer`);
  assertNoEnglish(page.text, what);
}

Languages('Accept-Language: de gets the German landing page and sign-up form, with Vary', async ({ site }) => {
  const page = await get(site, Routes.landing, 'de-DE,de;q=0.9,en;q=0.5');
  assertGerman(page, 'landing');
  assert.match(page.text, /<h1>Besprechungen, die pünktlich enden\.<\/h1>/);
  assert.match(page.text, /<label for="email">E-Mail-Adresse<\/label>/);
  assert.match(page.text, /<button type="submit">Link senden<\/button>/);
  assert.match(page.text, /alt="Der Tagesordnungs-Editor in der Seitenleiste/);
  assert.match(page.text, /Der Betreiber erstellt sie mit <code>npm run build<\/code>\./);
  assert.match(page.cache, /no-store/, 'no cache keeps a page in one language for another reader');
});

Languages('a German sign-up refusal is German, next to the field', async ({ site }) => {
  assert.ok(site);
  const form = await openForm(site.url);
  const res = await postForm(site.url, Routes.signUp, { email: 'ana@localhost', csrf: form.token }, { cookie: form.cookie, headers: { 'accept-language': 'de' } });
  assert.is(res.status, 400);
  assert.match(res.headers.get('vary') ?? '', /accept-language/i);
  assert.is(res.headers.get('content-language'), 'de');
  const text = await res.text();
  assert.match(text, /<html lang="de">/);
  assert.match(text, /<p id="email-error" class="error" role="alert">Die Domain braucht einen Punkt, etwa example\.com\.<\/p>/);
  assert.match(text, /value="ana@localhost"/);

  const refused = await postForm(site.url, Routes.signUp, { email: 'ana@example.com', csrf: form.token }, { cookie: null, headers: { 'accept-language': 'de' } });
  assert.is(refused.status, 403);
  assert.match(await refused.text(), /<h1>Bitte versuchen Sie es erneut<\/h1>/);
});

Languages('the German privacy page explains every table in German, durations by Intl', async ({ site }) => {
  const page = await get(site, Routes.privacy, 'de');
  assertGerman(page, 'privacy');
  assert.match(page.text, /<h1>Was LeaveTheMeeting speichert<\/h1>/);
  assert.match(page.text, /spätestens 7 Tage nach dem Versand/);
  // Who retries is said, as German says it (an email is not "tried").
  assert.match(page.text, /versuchen wir es \d+-mal, über \d+ (Stunden|Tage) verteilt/);
  assert.match(page.text, /<th scope="col">Spalte<\/th>/);
  assert.match(page.text, /<td><code>consented_at<\/code><\/td><td>wann Sie darum gebeten haben<\/td>/);
  assert.match(page.text, /Auf der <a href="\/account">Kontoseite<\/a> können Sie/);
});

Languages('confirmation and unsubscribe pages follow the language too', async ({ site }) => {
  const done = await get(site, Routes.signUpDone, 'de');
  assertGerman(done, 'sign-up done');
  assert.match(done.text, /<h1>Sehen Sie in Ihr Postfach<\/h1>/);
  const unknown = await get(site, `${Routes.unsubscribe}?token=nothing`, 'de');
  assert.is(unknown.status, 404);
  assert.match(unknown.text, /<h1>Nichts zu löschen<\/h1>/);
  assert.match(unknown.vary, /accept-language/i);
  assert.is(unknown.language, 'de');
  const japanese = (await get(site, Routes.signUpDone, 'ja')).text;
  assert.match(japanese, /<h1>受信トレイをご確認ください<\/h1>/);
  // The footer's punctuation is the language's: no English full stop after the Japanese link.
  assert.match(japanese, /会議を。<a href="\/privacy">保存するデータ<\/a><\/p>/);
  const french = (await get(site, Routes.privacy, 'fr-CA')).text;
  assert.match(french, /<html lang="fr">[\s\S]*au plus tard 7\u00a0jours après/);
  assert.match(french, /nous essayons de l’envoyer \d+ fois en \d+\u00a0(heures|jours)/);
  assert.match((await get(site, Routes.landing, 'es')).text, /<button type="submit">Envíame el enlace<\/button>/);
});

Languages('a malformed live-viewer link gets its 404 page in the language asked for', async ({ site }) => {
  const page = await get(site, '/m/not..an..id', 'de');
  assert.is(page.status, 404);
  assert.match(page.text, /<html lang="de">/);
  assert.match(page.text, /<h1>Kein solcher Besprechungslink<\/h1>/);
  assert.is(page.language, 'de');
  assert.match(page.vary, /accept-language/i);
  assertNoEnglish(page.text, 'viewer 404');
  assert.match((await get(site, '/m/not..an..id')).text, /<h1>No such meeting link<\/h1>/);
});

Languages('no header or an unknown language gets English, still with Vary', async ({ site }) => {
  for (const header of [undefined, 'nl-BE', 'de;q=0']) {
    const page = await get(site, Routes.landing, header);
    assert.match(page.text, /<html lang="en">/, String(header));
    assert.match(page.text, /<h1>Meetings that end on time\.<\/h1>/, String(header));
    assert.match(page.vary, /accept-language/i, String(header));
    assert.is(page.language, 'en', String(header));
  }
});

Languages('the operator\'s stats page stays English and says so, whatever the header asks', async ({ site }) => {
  const page = await get(site, Routes.stats, 'de');
  assert.match(page.text, /<html lang="en">/);
  assert.is(page.language, 'en');
});

Languages.run();
