// The account page's language comes from Accept-Language (negotiated by the shared
// languages/accept-language.ts), and a real relay serves the shell in it: <html lang> and
// Content-Language, the frame and the page's headings in that language, and Vary: Accept-Language
// so no cache hands a German page to a French reader.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AccountRoutes } from '../../../../sync-server/web/account-page/account-routes.ts';
import { startE2eRelay, type E2eRelay } from '../../../e2e/helpers/e2e-relay.ts';

let relay: E2eRelay | null = null;

test.after(async () => {
  await relay?.close();
});

async function shell(acceptLanguage?: string): Promise<{ text: string; vary: string | null; language: string | null; status: number }> {
  relay ??= await startE2eRelay();
  const headers: Record<string, string> = acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage };
  const response = await fetch(relay.httpUrl + AccountRoutes.page, { headers });
  return { text: await response.text(), vary: response.headers.get('vary'), language: response.headers.get('content-language'), status: response.status };
}

test('a real relay serves the shell in the negotiated language, with Vary', async () => {
  const german = await shell('de-AT,de;q=0.9,en;q=0.5');
  assert.is(german.status, 200);
  assert.match(german.text, /<html lang="de">/);
  assert.match(german.vary ?? '', /accept-language/i);
  assert.is(german.language, 'de');
  assert.match(german.text, /<title>Ihr Konto · LeaveTheMeeting<\/title>/);
  assert.match(german.text, /<h2 id="sign-in-title">Anmelden<\/h2>/);
  assert.match(german.text, /<a href="\/privacy">Datenschutz<\/a>/);
  assert.match(german.text, /Was wir speichern/);
  // The summary sentence keeps the elements the script fills in, in the language's order.
  assert.match(german.text, /Als <strong id="account-email"><\/strong><span id="account-name"><\/span>, mit einem Konto seit <span id="account-since"><\/span>\./);

  const japanese = await shell('ja');
  assert.match(japanese.text, /<html lang="ja">/);
  assert.is(japanese.language, 'ja');
  assert.match(japanese.text, /<h1>アカウント<\/h1>/);

  for (const header of [undefined, 'nl-BE', 'garbage;;;q=']) {
    const english = await shell(header);
    assert.is(english.status, 200);
    assert.match(english.text, /<html lang="en">/, String(header));
    assert.match(english.text, /<h1>Your account<\/h1>/);
    assert.match(english.text, /LeaveTheMeeting: meetings that end on time\. <a href="\/privacy">What we store<\/a>\./);
    assert.match(english.vary ?? '', /accept-language/i);
    assert.is(english.language, 'en', String(header));
  }
});

test("the forms state and check the relay's own limits, in the page language", async () => {
  const strict = await startE2eRelay({ access: { passwordMinLength: 12, nameMaxLength: 40 } });
  try {
    const text = await (await fetch(strict.httpUrl + AccountRoutes.page, { headers: { 'accept-language': 'de' } })).text();
    assert.match(text, /Neues Passwort <span class="small">\(mindestens 12 Zeichen\)<\/span>/);
    assert.is(text.match(/minlength="12"/g)?.length, 2, 'both new-password fields');
    assert.not.match(text, /minlength="8"/);
    assert.match(text, /<input id="display-name" name="name" type="text" autocomplete="name" maxlength="40" required>/);
  } finally {
    await strict.close();
  }
  const usual = await shell('ja');
  assert.match(usual.text, /新しいパスワード <span class="small">（8 文字以上）<\/span>/);
});

test.run();
