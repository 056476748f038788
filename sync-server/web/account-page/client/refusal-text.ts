// What the page says when a call fails, worded from the refusal's code and details in the page's
// language, English included: one path for every language, and the relay may reword its English
// message (written for API users and logs) without changing the page. A length rule's limits and
// a weak password's advice come as details; a refusal without readable details, or with an advice
// key this page does not know (a newer relay), is shown as the relay's message rather than
// with a part of it missing. A code the page has no words for shows the relay's message too;
// every code the page's own calls can meet in use (a typo'd address, an expired provider code, a
// list entry removed elsewhere, a relay fault, no answer in time) has words.
import { RelayClientErrorCode, RelayRequestError } from '../../../../wire/relay-client.ts';
import { isLengthRule, isPasswordAdvice, isPasswordAdviceKey, type PasswordAdviceKey } from '../../../../wire/refusal-details.ts';
import { ApiErrorCode } from '../../access/access-errors.ts';
import type { MessageKey } from '../messages/en.ts';
import type { Translator } from '../messages/translator.ts';

// The relay's codes, and the relay client's own for no answer, no answer in time and an answer
// that is not JSON.
const BY_CODE: Readonly<Record<string, MessageKey>> = {
  [RelayClientErrorCode.network]: 'refusal.network',
  [RelayClientErrorCode.timeout]: 'refusal.timeout',
  [ApiErrorCode.invalidCredentials]: 'refusal.wrongCredentials',
  [ApiErrorCode.rateLimited]: 'refusal.rateLimited',
  [ApiErrorCode.lastSignIn]: 'refusal.lastSignIn',
  [ApiErrorCode.reauthenticate]: 'refusal.reauthenticate',
  [ApiErrorCode.identityTaken]: 'refusal.identityTaken',
  [ApiErrorCode.invalidEmail]: 'refusal.invalidEmail',
  [ApiErrorCode.invalidGrant]: 'refusal.signInExpired',
  [ApiErrorCode.invalidState]: 'refusal.signInExpired',
  [ApiErrorCode.notFound]: 'refusal.gone',
  [ApiErrorCode.internal]: 'refusal.generic',
  [ApiErrorCode.storeUnavailable]: 'refusal.generic',
  [RelayClientErrorCode.malformedResponse]: 'refusal.generic',
};
const LENGTH_RULES: Readonly<Record<string, MessageKey>> = {
  [ApiErrorCode.invalidPassword]: 'refusal.passwordLength',
  [ApiErrorCode.invalidName]: 'refusal.nameLength',
};

// Every advice key the relay sends has its sentence in the catalogs (a missing one fails to compile).
const adviceKey = (key: PasswordAdviceKey): MessageKey => `weak.${key}`;

function adviceText(advice: readonly string[], w: Translator): string | null {
  if (!advice.every(isPasswordAdviceKey)) return null;
  const sentences = [w.t('weak.lead'), ...advice.map((key) => w.t(adviceKey(key)))];
  // Japanese runs sentences together; the others separate them with a space.
  return sentences.join(w.lang === 'ja' ? '' : ' ');
}

export function refusalText(error: unknown, w: Translator): string {
  if (!(error instanceof RelayRequestError)) return w.t('refusal.generic');
  const { code, details } = error;
  if (code === ApiErrorCode.invalidCredentials && error.status === 403) return w.t('refusal.wrongCurrentPassword');
  const key = BY_CODE[code];
  if (key !== undefined) return w.t(key);
  const rule = LENGTH_RULES[code];
  if (rule !== undefined && isLengthRule(details)) return w.t(rule, { min: details.min, max: details.max });
  if (code === ApiErrorCode.weakPassword && isPasswordAdvice(details)) return adviceText(details.advice, w) ?? error.message;
  // A proxy's error page instead of the relay's answer: nothing in it is worth showing.
  if (code.startsWith('http_')) return w.t('refusal.generic');
  return error.message;
}
