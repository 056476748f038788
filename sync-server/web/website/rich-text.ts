// A translated sentence with markup in it: the catalog keeps {slot} placeholders where an element
// goes (a <code>, a link, an element a script fills in), so each language orders the sentence
// its own way while the markup stays the page's, and the words are escaped like any value.
import type { MessagePart } from '../languages/translator.ts';
import type { SafeHtml } from './html.ts';

export function withSlots(parts: readonly MessagePart[], slots: Readonly<Record<string, SafeHtml>>): (string | SafeHtml)[] {
  return parts.map((part) => ('slot' in part ? (slots[part.slot] ?? `{${part.slot}}`) : part.text));
}
