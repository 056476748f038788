// Refuses passwords that are easy to guess: common ones ("password", "12345678"), repeats (eight
// spaces), keyboard walks, and ones built from the person's own email or name. zxcvbn-ts scores
// a password by the guesses a cracker would need, with 40,000+ common passwords and the common
// English words, names and patterns behind it; the score says whether it holds against an attacker
// who has the hash file (3 is "safely unguessable" in zxcvbn's terms), which is the case the
// relay's scrypt cost is there for. Its warning and suggestions become the refusal's reason.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

// The dictionaries take most of a second to build: once per process, at the first check.
let checker: Promise<ZxcvbnFactory> | null = null;

function loadChecker(): Promise<ZxcvbnFactory> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
  })();
  return checker;
}

/** Why the password is too easy to guess, in words for the person choosing it; null if it is fine. */
export async function weakPasswordReason(password: string, personalWords: readonly string[], minScore: number): Promise<string | null> {
  const result = (await loadChecker()).check(password, [...personalWords, 'leavethemeeting', 'meeting', 'agenda']);
  if (result.score >= minScore) return null;
  const { warning, suggestions } = result.feedback;
  const advice = suggestions.length > 0 ? suggestions.join(' ') : 'Add a few more words that are less common.';
  return ['This password is too easy to guess.', warning, advice].filter((part) => part !== null && part !== '').join(' ');
}
