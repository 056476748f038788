// Every locale must say what English says: the same keys, and in each message the same
// placeholders, since Chrome substitutes them blindly and a lost $1 drops a title or a time.
import type { MessageTable } from '../platform/i18n.ts';

export interface ParityProblem {
  readonly locale: string;
  readonly key: string;
  readonly problem: 'missing' | 'extra' | 'placeholders';
  readonly detail?: string;
}

// $1..$9 and $name$; $$ is a literal dollar and names no placeholder.
function placeholderTokens(message: string): string[] {
  const tokens = message.replace(/\$\$/g, '').match(/\$\d|\$[A-Za-z0-9_@]+\$/g) ?? [];
  return [...new Set(tokens.map((t) => t.toLowerCase()))].sort();
}

function namedContents(entry: MessageTable[string]): string {
  const named = Object.entries(entry.placeholders ?? {}).map(([name, p]) => `${name.toLowerCase()}=${p.content}`);
  return named.sort().join(' ');
}

export function localeParity(reference: MessageTable, locale: string, table: MessageTable): ParityProblem[] {
  const problems: ParityProblem[] = [];
  for (const [key, entry] of Object.entries(reference)) {
    const other = table[key];
    if (other === undefined) {
      problems.push({ locale, key, problem: 'missing' });
      continue;
    }
    const want = `${placeholderTokens(entry.message).join(' ')} | ${namedContents(entry)}`;
    const got = `${placeholderTokens(other.message).join(' ')} | ${namedContents(other)}`;
    if (want !== got) problems.push({ locale, key, problem: 'placeholders', detail: `en has "${want}", ${locale} has "${got}"` });
  }
  for (const key of Object.keys(table)) {
    if (!(key in reference)) problems.push({ locale, key, problem: 'extra' });
  }
  return problems;
}

export function allLocalesParity(tables: ReadonlyMap<string, MessageTable>, referenceLocale = 'en'): ParityProblem[] {
  const reference = tables.get(referenceLocale);
  if (reference === undefined) return [{ locale: referenceLocale, key: '*', problem: 'missing' }];
  return [...tables].filter(([name]) => name !== referenceLocale).flatMap(([name, table]) => localeParity(reference, name, table));
}
