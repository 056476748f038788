// Finds labels a reader cannot read whole: text cut by an ellipsis or a line clamp, a box whose
// content spills past it, or a page wider than the window. Runs in the page, so what it measures
// is what Chromium laid out. Text fields scroll their value by design and are left out, as are
// boxes that scroll on purpose and titles cut on purpose that carry their whole text in a tooltip
// (ClampedTitle: long item titles keep the clock and Next in view).
import type { Page } from 'playwright-core';

export interface Overflow {
  readonly what: string;
  readonly text: string;
  readonly how: string;
}

export async function overflowingLabels(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    // tsx keeps function names by wrapping them in a __name helper the page does not have.
    (globalThis as { __name?: unknown }).__name ??= (f: unknown) => f;
    const found: { what: string; text: string; how: string }[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    const SKIP = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'SCRIPT', 'STYLE', 'HTML', 'BODY']);
    const roots: (Document | ShadowRoot)[] = [document];
    for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    for (const root of roots) {
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        if (SKIP.has(el.tagName) || !(el instanceof HTMLElement) || el.isContentEditable) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
        // A 1 px box is the visually-hidden pattern for screen-reader text, cut on purpose.
        if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;
        if (el.title !== '' && el.title === el.textContent) continue;
        const scrolls = (v: string) => v === 'auto' || v === 'scroll';
        const text = (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 80);
        const wide = el.scrollWidth > el.clientWidth + 1;
        if (wide && style.textOverflow === 'ellipsis') found.push({ what: describe(el), text, how: 'ellipsis' });
        else if (wide && !scrolls(style.overflowX)) found.push({ what: describe(el), text, how: `spills ${el.scrollWidth - el.clientWidth}px` });
        const clamp = style.getPropertyValue('-webkit-line-clamp');
        if (clamp !== '' && clamp !== 'none' && el.scrollHeight > el.clientHeight + 1) found.push({ what: describe(el), text, how: 'line clamp' });
      }
    }
    const page = document.documentElement;
    if (page.scrollWidth > window.innerWidth) found.push({ what: 'page', text: '', how: `scrolls sideways by ${page.scrollWidth - window.innerWidth}px` });
    return found;
  });
}
