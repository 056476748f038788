// What the page says when a call fails. In English it is the relay's own message, as the relay
// words it. In another language the common refusals are translated by the API's error code; the
// numbers of a length rule and the password checker's advice are read from the relay's message,
// sentence by sentence against the English catalog, and a sentence the page does not know is
// shown as the relay sent it rather than dropped.
import { RelayRequestError } from '../../../../wire/relay-client.ts';
import { ApiErrorCode } from '../../access/access-errors.ts';
import { DEFAULT_LANGUAGE } from '../../languages/site-languages.ts';
import { en, type MessageKey } from '../messages/en.ts';
import type { Translator } from '../messages/translator.ts';

// The relay's codes, and the relay client's own for no answer and for an answer that is not JSON.
const BY_CODE: Readonly<Record<string, MessageKey>> = {
  network: 'refusal.network',
  [ApiErrorCode.invalidCredentials]: 'refusal.wrongCredentials',
  [ApiErrorCode.rateLimited]: 'refusal.rateLimited',
  [ApiErrorCode.lastSignIn]: 'refusal.lastSignIn',
  [ApiErrorCode.identityTaken]: 'refusal.identityTaken',
  malformed_response: 'refusal.generic',
};
const LENGTH_RULES: Readonly<Record<string, MessageKey>> = {
  [ApiErrorCode.invalidPassword]: 'refusal.passwordLength',
  [ApiErrorCode.invalidName]: 'refusal.nameLength',
};
const RANGE = /(\d+) to (\d+)/;
const ADVICE = (Object.keys(en) as MessageKey[]).filter((key) => key.startsWith('weak.')).map((key) => ({ key, english: en[key] }));

function adviceText(message: string, w: Translator): string {
  const sentences: string[] = [];
  let rest = message.trim();
  while (rest !== '') {
    const known = ADVICE.find((advice) => rest.startsWith(advice.english));
    const end = rest.indexOf('. ');
    const length = known?.english.length ?? (end < 0 ? rest.length : end + 1);
    sentences.push(known === undefined ? rest.slice(0, length) : w.t(known.key));
    rest = rest.slice(length).trim();
  }
  // Japanese runs sentences together; the others separate them with a space.
  return sentences.join(w.lang === 'ja' ? '' : ' ');
}

function translated(error: RelayRequestError, w: Translator): string {
  if (error.code === 'invalid_credentials' && error.status === 403) return w.t('refusal.wrongCurrentPassword');
  const key = BY_CODE[error.code];
  if (key !== undefined) return w.t(key);
  const rule = LENGTH_RULES[error.code];
  const range = RANGE.exec(error.message);
  if (rule !== undefined && range !== null) return w.t(rule, { min: range[1] ?? '', max: range[2] ?? '' });
  if (error.code === ApiErrorCode.weakPassword) return adviceText(error.message, w);
  // A proxy's error page instead of the relay's answer: nothing in it is worth showing.
  if (error.code.startsWith('http_')) return w.t('refusal.generic');
  return error.message;
}

export function refusalText(error: unknown, w: Translator): string {
  if (!(error instanceof RelayRequestError)) return w.t('refusal.generic');
  return w.lang === DEFAULT_LANGUAGE ? error.message : translated(error, w);
}
