// The options page words the relay's detailed refusals from their details in the UI language,
// never from the English message: a length rule's limits and a weak password's advice, with the
// relay's real checker's advice and the shipped translations. Without readable details (an
// older relay) or with an advice key this version does not know, the relay's message is shown.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mergeAllLocales } from '../../../extension/build/merge-locales.ts';
import { relayErrorText } from '../../../extension/options/relay-error-text.ts';
import { setFallbackMessages, t } from '../../../extension/platform/i18n.ts';
import { weakPassword } from '../../../sync-server/web/access/password-strength.ts';
import { PASSWORD_ADVICE } from '../../../wire/refusal-details.ts';
import { RelayClientErrorCode, RelayRequestError } from '../../../wire/relay-client.ts';

const test = suite('options refusal text');
const LOCALES = mergeAllLocales(join(import.meta.dirname, '..', '..', '..', 'extension', '_locales'));
const speak = (lang: string) => setFallbackMessages(LOCALES.get(lang)!);

test.after(() => speak('en'));

test('a length rule is worded from its limits, whatever the English says', () => {
  speak('de');
  const password = new RelayRequestError(400, 'invalid_password', 'Reworded.', { min: 12, max: 64 });
  assert.is(relayErrorText(password), 'Das Passwort muss 12 bis 64 Zeichen lang sein.');
  const name = new RelayRequestError(400, 'invalid_name', 'Reworded.', { min: 1, max: 100 });
  assert.is(relayErrorText(name), 'Der Name muss 1 bis 100 Zeichen lang sein und in eine Zeile passen.');
  speak('en');
  assert.is(relayErrorText(name), 'The name must be 1 to 100 characters on one line.');
  // An older relay sends no details: its message, framed as the relay's.
  assert.is(relayErrorText(new RelayRequestError(400, 'invalid_name', 'Too long.')), 'The relay refused: Too long.');
});

test("a weak password's advice is worded key by key in each language", async () => {
  for (const password of ['password', 'qwertyuiop', '2025-01-01', 'P@ssw0rd', 'aaaaaaaaaa']) {
    const weak = await weakPassword(password, ['ada@example.org'], 3);
    assert.ok(weak !== null, password);
    const refused = new RelayRequestError(400, 'weak_password', 'Reworded.', { advice: weak.advice });
    speak('en');
    // The English translations say what the relay's checker says.
    assert.is(relayErrorText(refused), weak.message, password);
    speak('de');
    const german = relayErrorText(refused);
    assert.ok(german.startsWith('Dieses Passwort ist zu leicht zu erraten. '), german);
    assert.not.match(german, /\b(the|is|are|and|to)\b|Reworded/, german);
    speak('ja');
    assert.not.match(relayErrorText(refused), / /, 'Japanese sentences run together');
  }
});

test('every advice key has its sentence in every language', () => {
  for (const [lang, table] of LOCALES) {
    const missing = PASSWORD_ADVICE.filter((key) => table[`optWeak${key[0]!.toUpperCase()}${key.slice(1)}`] === undefined);
    assert.equal(missing, [], lang);
  }
});

test("an unknown advice key or no advice shows the relay's sentences whole", () => {
  speak('de');
  const message = 'This password is too easy to guess. Something new. Avoid recent years.';
  assert.is(relayErrorText(new RelayRequestError(400, 'weak_password', message, { advice: ['somethingNew', 'avoidRecentYears'] })), message);
  assert.is(relayErrorText(new RelayRequestError(400, 'weak_password', message)), message);
  // A form's own wording still comes first.
  const wrong = new RelayRequestError(401, 'invalid_credentials', 'Wrong.');
  assert.is(relayErrorText(wrong, () => t('optErrorCredentials')), 'Zu dieser E-Mail-Adresse und diesem Passwort gibt es kein Konto.');
});

test('a relay that cannot be reached and one that did not answer in time are told apart in every language', () => {
  const unreachable = new RelayRequestError(0, RelayClientErrorCode.network, 'The relay could not be reached.');
  const late = new RelayRequestError(0, RelayClientErrorCode.timeout, 'The relay did not answer within 15 s.');
  for (const lang of LOCALES.keys()) {
    speak(lang);
    assert.is(relayErrorText(unreachable), LOCALES.get(lang)!.optErrorNetwork!.message, lang);
    assert.is(relayErrorText(late), LOCALES.get(lang)!.optErrorTimeout!.message, lang);
    assert.is.not(relayErrorText(late), relayErrorText(unreachable), lang);
  }
  // Before a form's own wording: a form cannot know what a call that had no answer meant.
  speak('en');
  assert.is(relayErrorText(late, () => 'known'), LOCALES.get('en')!.optErrorTimeout!.message);
});

test.run();
