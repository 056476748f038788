// The page's style nonce: the relay puts a fresh one in the CSP header and in a meta tag of each
// served shell (style-src 'self' 'nonce-…'), so CodeMirror's runtime <style> element is allowed
// while any other inline style stays blocked. Empty when the page was served without one.
import { STYLE_NONCE_META } from '../../wire/style-nonce.ts';

let cached: string | null = null;

export function styleNonce(): string {
  cached ??= document.querySelector<HTMLMetaElement>(`meta[name="${STYLE_NONCE_META}"]`)?.content ?? '';
  return cached;
}
