// The account page's words in use: placeholders filled, plural forms by Intl.PluralRules per
// language, dates in the language's own format, and the relay's refusals worded from their code
// and details in every language, English included, never from the relay's English message. The
// weak-password advice is the relay's real checker's, so a key it adds without a catalog
// sentence shows up here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RelayRequestError } from '../../../../wire/relay-client.ts';
import { refusalText } from '../../../../sync-server/web/account-page/client/refusal-text.ts';
import { en } from '../../../../sync-server/web/account-page/messages/en.ts';
import { translator } from '../../../../sync-server/web/account-page/messages/translator.ts';
import { weakPassword } from '../../../../sync-server/web/access/password-strength.ts';

const de = translator('de');
const DAY = Date.UTC(2026, 2, 2, 12, 0);

test('plural forms follow each language', () => {
  assert.is(translator('en').count('password.changed', 1), 'Password changed. 1 other session was signed out.');
  assert.is(translator('en').count('password.changed', 3), 'Password changed. 3 other sessions were signed out.');
  assert.is(de.count('password.changed', 0), 'Passwort geändert. 0 andere Sitzungen wurden abgemeldet.');
  assert.is(de.count('password.changed', 1), 'Passwort geändert. 1 andere Sitzung wurde abgemeldet.');
  // French counts 0 as singular.
  assert.is(translator('fr').count('password.changed', 0), 'Mot de passe changé. 0 autre session a été déconnectée.');
  assert.is(translator('ja').count('password.changed', 2), 'パスワードを変更しました。ほかの 2 件のセッションをサインアウトしました。');
});

test('dates are written in the page language, not the browser default', () => {
  assert.match(de.date(DAY), /^2\. März 2026$/);
  assert.match(translator('fr').date(DAY), /^2 mars 2026$/);
  assert.match(translator('ja').date(DAY), /^2026年3月2日$/);
  assert.match(translator('en').date(DAY), /^March 2, 2026$/);
});

test('placeholders are filled and a missing value stays visible', () => {
  assert.is(de.t('signIn.with', { provider: 'Google' }), 'Mit Google anmelden');
  assert.is(de.t('signIn.with'), 'Mit {provider} anmelden');
  assert.equal(translator('ja').parts('summary.text').filter((p) => 'slot' in p), [{ slot: 'email' }, { slot: 'name' }, { slot: 'since' }]);
});

test('common refusals are worded by code, English from the catalog too', () => {
  const wrong = new RelayRequestError(401, 'invalid_credentials', 'The email or the password is wrong.');
  assert.is(refusalText(wrong, de), 'E-Mail-Adresse oder Passwort ist falsch.');
  assert.is(refusalText(wrong, translator('en')), 'The email or the password is wrong.');
  assert.is(refusalText(new RelayRequestError(403, 'invalid_credentials', 'The current password is wrong.'), de), 'Das aktuelle Passwort ist falsch.');
  assert.is(refusalText(new RelayRequestError(429, 'rate_limited', 'Too many attempts; wait a while and try again.'), de), 'Zu viele Versuche. Warten Sie eine Weile und versuchen Sie es dann erneut.');
  assert.is(refusalText(new RelayRequestError(0, 'network', 'unreachable'), translator('fr')), 'Le relais est injoignable. Vérifiez la connexion et réessayez.');
  assert.is(refusalText(new RelayRequestError(0, 'network', 'unreachable'), translator('en')), en['refusal.network']);
  const late = new RelayRequestError(0, 'timeout', 'The relay did not answer within 15 s.');
  assert.is(refusalText(late, translator('en')), en['refusal.timeout']);
  assert.is(refusalText(late, de), 'Das Relay hat nicht rechtzeitig geantwortet. Versuchen Sie es gleich noch einmal.');
  assert.is(refusalText(new RelayRequestError(502, 'http_502', 'The relay answered 502. Try again in a moment.'), de), de.t('refusal.generic'));
  assert.is(refusalText(new Error('boom'), de), de.t('refusal.generic'));
  // Codes the page's own calls meet in use: a sign-in address without a dot in its domain, a
  // provider's code that expired, an entry removed in another tab, a fault in the relay.
  const inUse = [
    [400, 'invalid_email', 'That does not look like an email address.', 'refusal.invalidEmail'],
    [400, 'invalid_grant', 'The sign-in code is wrong, used or expired, or the verifier does not match; sign in again.', 'refusal.signInExpired'],
    [400, 'invalid_state', 'This sign-in is unknown, already used or expired; start again.', 'refusal.signInExpired'],
    [404, 'not_found', 'No such share link on your meetings.', 'refusal.gone'],
    [500, 'internal', 'The relay failed to handle this request.', 'refusal.generic'],
  ] as const;
  for (const [status, code, message, key] of inUse) {
    assert.is(refusalText(new RelayRequestError(status, code, message), de), de.t(key), code);
    assert.is.not(de.t(key), message, code);
  }
  // A refusal the page has no wording for is shown as the relay words it, not hidden.
  assert.is(refusalText(new RelayRequestError(400, 'meeting_limit', 'You own too many meetings.'), de), 'You own too many meetings.');
});

test("a length rule is worded from its details, whatever the relay's English says", () => {
  const reworded = 'Passwords need between eight and 256 characters.';
  assert.is(refusalText(new RelayRequestError(400, 'invalid_password', reworded, { min: 8, max: 256 }), translator('es')), 'La contraseña debe tener entre 8 y 256 caracteres.');
  assert.is(refusalText(new RelayRequestError(400, 'invalid_password', reworded, { min: 12, max: 64 }), translator('en')), 'The password must be 12 to 64 characters long.');
  const name = new RelayRequestError(400, 'invalid_name', 'Names: up to 100.', { min: 1, max: 100 });
  assert.is(refusalText(name, de), 'Der Name muss 1 bis 100 Zeichen lang sein und in eine Zeile passen.');
  assert.is(refusalText(name, translator('ja')), translator('ja').t('refusal.nameLength', { min: 1, max: 100 }));
  // Without details (an older relay, or details this page cannot read) the relay's message stands.
  assert.is(refusalText(new RelayRequestError(400, 'invalid_name', 'The name must be 1 to 100 characters on one line.'), de), 'The name must be 1 to 100 characters on one line.');
  assert.is(refusalText(new RelayRequestError(400, 'invalid_password', reworded, { advice: ['topTen'] }), de), reworded);
});

test("the relay's weak-password advice is worded key by key in every language", async () => {
  for (const password of ['password123', 'qwertyuiop', 'aaaaaaaaaa', 'Margaret1987', '2025-01-01', 'P@ssw0rd', 'drowssap', 'PASSWORD']) {
    const weak = await weakPassword(password, ['ada@example.org'], 3);
    assert.ok(weak !== null, password);
    // The message is reworded here: the page must not need it.
    const refused = new RelayRequestError(400, 'weak_password', 'Reworded.', { advice: weak.advice });
    // The English catalog says what the relay's checker says, so English reads as before.
    assert.is(refusalText(refused, translator('en')), weak.message, password);
    const german = refusalText(refused, de);
    assert.ok(german.startsWith('Dieses Passwort ist zu leicht zu erraten. '), german);
    const englishLeft = Object.entries(en).filter(([key, text]) => key.startsWith('weak.') && german.includes(text));
    assert.equal(englishLeft, [], `${password}: ${german}`);
    assert.not.match(german, /\b(the|is|are|and|to)\b/, `${password}: ${german}`);
    assert.ok(refusalText(refused, translator('ja')).startsWith('このパスワード'), password);
  }
  const fallback = new RelayRequestError(400, 'weak_password', 'This password is too easy to guess.', { advice: ['fewMoreWords'] });
  assert.is(refusalText(fallback, translator('fr')), `${translator('fr').t('weak.lead')} ${translator('fr').t('weak.fewMoreWords')}`);
});

test('a weak-password refusal with an advice key the page does not know, or without advice, shows the relay message whole', () => {
  const message = 'This password is too easy to guess. Something new here. Avoid recent years.';
  assert.is(refusalText(new RelayRequestError(400, 'weak_password', message, { advice: ['somethingNew', 'avoidRecentYears'] }), de), message);
  assert.is(refusalText(new RelayRequestError(400, 'weak_password', message), de), message);
  assert.is(refusalText(new RelayRequestError(400, 'weak_password', message, { min: 1, max: 2 }), de), message);
});

test.run();
