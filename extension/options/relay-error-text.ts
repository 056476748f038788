// What the options page says when the relay answers a form with an error: the cases a form knows
// (wrong password, a taken email) in its own words; the refusals the relay details (a length rule,
// a weak password's advice) worded from their details in the UI language; the rest, a relay that
// cannot be reached or did not answer in time among them, in shared ones. The relay's English
// message is shown only when nothing else can say it.
import { t } from '../platform/i18n.ts';
import { RelayClientErrorCode, RelayRequestError } from '../data/relay-api.ts';
import { isLengthRule, isPasswordAdvice, isPasswordAdviceKey, type PasswordAdviceKey } from '../../wire/refusal-details.ts';

// The relay's access error codes that come with details.
const LENGTH_RULES: Readonly<Record<string, string>> = {
  invalid_password: 'optErrorPasswordLength',
  invalid_name: 'optErrorNameLength',
};
const WEAK_PASSWORD = 'weak_password';

const adviceMessage = (key: PasswordAdviceKey): string => `optWeak${key[0]!.toUpperCase()}${key.slice(1)}`;

// Japanese runs sentences together after its full stop; the others separate them with a space.
const joinSentences = (sentences: readonly string[]): string =>
  sentences.reduce((text, sentence) => (text === '' ? sentence : `${text}${text.endsWith('。') ? '' : ' '}${sentence}`), '');

function detailedText(error: RelayRequestError): string | null {
  const { code, details } = error;
  const rule = LENGTH_RULES[code];
  if (rule !== undefined && isLengthRule(details)) return t(rule, details.min, details.max);
  if (code !== WEAK_PASSWORD) return null;
  // An advice key this version does not know (a newer relay): the relay's sentences, whole.
  if (!isPasswordAdvice(details) || !details.advice.every(isPasswordAdviceKey)) return error.message;
  return joinSentences([t('optWeakLead'), ...details.advice.map((key) => t(adviceMessage(key)))]);
}

export function relayErrorText(e: unknown, known: (error: RelayRequestError) => string | null = () => null): string {
  if (e instanceof RelayRequestError) {
    if (e.code === RelayClientErrorCode.network) return t('optErrorNetwork');
    if (e.code === RelayClientErrorCode.timeout) return t('optErrorTimeout');
    return known(e) ?? detailedText(e) ?? t('optErrorRelay', e.message);
  }
  return t('optErrorRelay', e instanceof Error ? e.message : String(e));
}
