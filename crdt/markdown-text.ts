// Escaping user text for Markdown so that it renders as the text typed, whatever it contains,
// while staying readable when pasted as plain text (only the risky characters are escaped).
const INLINE_SPECIAL = /[\\`*_[\]<>|~#]/g;
const ENTITY = /&(?=#?[A-Za-z0-9]+;)/g;
const LINE_START = /^(\s*)([-+=>]|\d+[.)])/;
// Every line break Unicode names (CR LF, lone CR, LF, VT, FF, NEL, LS, PS): Markdown renderers
// and editors disagree on which of them end a line, so each becomes one plain \n first.
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;

function normaliseBreaks(text: string): string {
  return text.replace(LINE_BREAK, '\n');
}

export function escapeInline(text: string): string {
  return normaliseBreaks(text).replace(/\s*\n\s*/g, ' ').replace(INLINE_SPECIAL, '\\$&').replace(ENTITY, '\\&').trim();
}

function escapeLine(line: string): string {
  const escaped = line.trim().replace(INLINE_SPECIAL, '\\$&').replace(ENTITY, '\\&');
  return escaped.replace(LINE_START, (_m, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}` : `${space}\\${marker}`,
  );
}

// Lines keep their breaks (a hard break is two trailing spaces); blank lines separate paragraphs.
export function escapeBlock(text: string): string {
  return normaliseBreaks(text)
    .split(/\n{2,}/)
    .map((para) => para.split('\n').map(escapeLine).filter((l) => l !== '').join('  \n'))
    .filter((p) => p !== '')
    .join('\n\n');
}
