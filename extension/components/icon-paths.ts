// The icons' drawings, one 16x16 stroked path each, shared by Icon.svelte (inline SVG) and by
// lists that draw one icon in hundreds of rows as a CSS mask instead (iconMask), so a glyph is
// drawn from one definition wherever it shows.
export const ICON_PATHS = {
  plus: 'M8 3v10M3 8h10',
  pause: 'M5.5 3.5v9M10.5 3.5v9',
  play: 'M5 3l8 5-8 5z',
  next: 'M3 8h9M9 4.5 12.5 8 9 11.5',
  back: 'M13 8H4M7 4.5 3.5 8 7 11.5',
  close: 'M4 4l8 8M12 4l-8 8',
  check: 'M3.5 8.5l3 3 6-7',
  share: 'M8 10V2.5M5 5.5l3-3 3 3M3.5 9v4h9V9',
  grip: 'M6 3.5h.01M10 3.5h.01M6 8h.01M10 8h.01M6 12.5h.01M10 12.5h.01',
  warn: 'M8 2 14.5 13.5h-13zM8 6.5v3.5M8 12v.01',
  clock: 'M8 1.75a6.25 6.25 0 1 0 0 12.5 6.25 6.25 0 0 0 0-12.5zM8 4.5V8l2.5 1.5',
  up: 'M8 13V3M4.5 6.5 8 3l3.5 3.5',
  down: 'M8 3v10M4.5 9.5 8 13l3.5-3.5',
  trash: 'M2.5 4.5h11M6 4.5V2.75h4V4.5M4 4.5l.75 9h6.5l.75-9M6.75 7v4M9.25 7v4',
  expand: 'M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10',
  present: 'M2 3h12v8H2zM8 11v2.5M5.5 13.5h5',
} as const;

export type IconName = keyof typeof ICON_PATHS;

/** A stroked outline icon as a CSS `url()` for `mask`, drawn as Icon.svelte draws it. */
export function iconMask(name: IconName): string {
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16' fill='none' stroke='black' stroke-width='1.6' stroke-linecap='round' stroke-linejoin='round'><path d='${ICON_PATHS[name]}'/></svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}
