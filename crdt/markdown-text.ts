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

// A line's indentation is kept as no-break spaces: ordinary leading spaces would vanish when
// rendered, and four of them would turn the line into code; no-break spaces show as typed in
// both the rendered and the plain text. A tab counts as four.
const INDENT = /^[ \t]+/;
const NBSP = '\u00a0';

function keepIndent(line: string): string {
  return line.replace(INDENT, (space) => space.replaceAll('\t', '    ').replace(/ /g, NBSP));
}

function escapeLine(line: string): string {
  if (line.trim() === '') return '';
  const escaped = keepIndent(line.trimEnd()).replace(INLINE_SPECIAL, '\\$&').replace(ENTITY, '\\&');
  return escaped.replace(LINE_START, (_m, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}` : `${space}\\${marker}`,
  );
}

// Lines keep their breaks (a hard break is two trailing spaces); blank lines (spaces only
// count as blank, as they look) separate paragraphs.
export function escapeBlock(text: string): string {
  return normaliseBreaks(text)
    .split(/\n(?:[ \t]*\n)+/)
    .map((para) => para.split('\n').map(escapeLine).filter((l) => l !== '').join('  \n'))
    .filter((p) => p !== '')
    .join('\n\n');
}
