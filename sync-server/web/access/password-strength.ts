// Refuses passwords that are easy to guess: common ones ("password", "12345678"), repeats (eight
// spaces), keyboard walks, and ones built from the person's own email or name. zxcvbn-ts scores
// a password by the guesses a cracker would need, with 40,000+ common passwords and the common
// English words, names and patterns behind it; the score says whether it holds against an attacker
// who has the hash file (3 is "safely unguessable" in zxcvbn's terms), which is the case the
// relay's scrypt cost is there for. Its warning and suggestions become the refusal: as advice keys
// that clients word in their own language, and as English sentences for the message.
import type { TranslationKeys, ZxcvbnFactory } from '@zxcvbn-ts/core';
import type { PasswordAdviceKey } from '../../../wire/refusal-details.ts';

export interface WeakPassword {
  readonly message: string;
  readonly advice: readonly PasswordAdviceKey[];
}

interface Checker {
  readonly zxcvbn: ZxcvbnFactory;
  readonly english: TranslationKeys;
}

// zxcvbn names a warning and a suggestion alike ('dates', 'pwned'); the advice keys tell them apart.
const FROM_WARNING: Readonly<Record<keyof TranslationKeys['warnings'], PasswordAdviceKey>> = {
  straightRow: 'straightRow',
  keyPattern: 'keyPattern',
  simpleRepeat: 'simpleRepeat',
  extendedRepeat: 'extendedRepeat',
  sequences: 'sequences',
  recentYears: 'recentYears',
  dates: 'dates',
  topTen: 'topTen',
  topHundred: 'topHundred',
  common: 'common',
  similarToCommon: 'similarToCommon',
  wordByItself: 'wordByItself',
  namesByThemselves: 'namesByThemselves',
  commonNames: 'commonNames',
  userInputs: 'userInputs',
  pwned: 'pwned',
};
const FROM_SUGGESTION: Readonly<Record<keyof TranslationKeys['suggestions'], PasswordAdviceKey>> = {
  l33t: 'l33t',
  reverseWords: 'reverseWords',
  allUppercase: 'allUppercase',
  capitalization: 'capitalization',
  dates: 'avoidDates',
  recentYears: 'avoidRecentYears',
  associatedYears: 'associatedYears',
  sequences: 'avoidSequences',
  repeated: 'repeated',
  longerKeyboardPattern: 'longerKeyboardPattern',
  anotherWord: 'anotherWord',
  useWords: 'useWords',
  noNeed: 'noNeed',
  pwned: 'changeElsewhere',
};
const LEAD = 'This password is too easy to guess.';
const FEW_MORE_WORDS = 'Add a few more words that are less common.';

// The dictionaries take most of a second to build: once per process, at the first check.
let checker: Promise<Checker> | null = null;

function loadChecker(): Promise<Checker> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    // No translations: the feedback then names its warning and suggestions by key.
    const zxcvbn = new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs });
    return { zxcvbn, english: en.translations };
  })();
  return checker;
}

type Known<T> = Readonly<Record<string, T>>;
const lookUp = <T>(table: Known<T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/** Why the password is too easy to guess and what would help; null if it is fine. */
export async function weakPassword(password: string, personalWords: readonly string[], minScore: number): Promise<WeakPassword | null> {
  const { zxcvbn, english } = await loadChecker();
  const result = zxcvbn.check(password, [...personalWords, 'leavethemeeting', 'meeting', 'agenda']);
  if (result.score >= minScore) return null;
  const { warning, suggestions } = result.feedback;
  const advice: PasswordAdviceKey[] = [];
  const sentences = [LEAD];
  // A key a newer zxcvbn adds is left out of both rather than sent as a key no client knows.
  const add = (key: PasswordAdviceKey | undefined, sentence: string | undefined) => {
    if (key === undefined || sentence === undefined) return;
    advice.push(key);
    sentences.push(sentence);
  };
  if (warning !== null && warning !== '') add(lookUp(FROM_WARNING, warning), lookUp<string>(english.warnings, warning));
  for (const suggestion of suggestions) add(lookUp(FROM_SUGGESTION, suggestion), lookUp<string>(english.suggestions, suggestion));
  if (suggestions.length === 0) add('fewMoreWords', FEW_MORE_WORDS);
  return { message: sentences.join(' '), advice };
}
