// The structured part of a relay refusal, `{error: {code, message, details}}`: what a client needs
// to word a refusal in its own language, so no client reads numbers or advice out of the English
// message (which is for API users and logs, and may be reworded at any time). The relay sends
// details only where a code has them; a client keeps only a shape it recognises, so a newer relay
// or a broken proxy can never make it crash, only fall back to the message.

/** The limits of a length rule (invalid_password, invalid_name), in characters, both inclusive. */
export interface LengthRule {
  readonly min: number;
  readonly max: number;
}

/** Why a password is easy to guess and what would help (weak_password), most telling first. */
export interface PasswordAdvice {
  /** Keys from PASSWORD_ADVICE; a client may meet keys a newer relay added, so they stay strings. */
  readonly advice: readonly string[];
}

export type RefusalDetails = LengthRule | PasswordAdvice;

/** The advice keys a relay sends: first what makes the password weak, then what would help. */
export const PASSWORD_ADVICE = [
  // What makes it weak.
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
  'pwned',
  // What would help.
  'l33t',
  'reverseWords',
  'allUppercase',
  'capitalization',
  'avoidDates',
  'avoidRecentYears',
  'associatedYears',
  'avoidSequences',
  'repeated',
  'longerKeyboardPattern',
  'anotherWord',
  'useWords',
  'noNeed',
  'changeElsewhere',
  /** The relay's own, when the checker suggests nothing. */
  'fewMoreWords',
] as const;

export type PasswordAdviceKey = (typeof PASSWORD_ADVICE)[number];

// Bounds that no real refusal comes near; anything beyond is not the relay's and is dropped.
const MAX_ADVICE = 16;
const ADVICE_KEY = /^[A-Za-z0-9_.-]{1,64}$/;

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** The details of a refusal body as sent; undefined when absent or of no known shape. */
export function readRefusalDetails(raw: unknown): RefusalDetails | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const { min, max, advice } = raw as Record<string, unknown>;
  if (isCount(min) && isCount(max) && min <= max) return { min, max };
  if (Array.isArray(advice) && advice.length <= MAX_ADVICE && advice.every((key) => typeof key === 'string' && ADVICE_KEY.test(key))) {
    return { advice: [...(advice as string[])] };
  }
  return undefined;
}

export function isLengthRule(details: RefusalDetails | undefined): details is LengthRule {
  return details !== undefined && 'min' in details;
}

export function isPasswordAdvice(details: RefusalDetails | undefined): details is PasswordAdvice {
  return details !== undefined && 'advice' in details;
}

export function isPasswordAdviceKey(key: string): key is PasswordAdviceKey {
  return (PASSWORD_ADVICE as readonly string[]).includes(key);
}
