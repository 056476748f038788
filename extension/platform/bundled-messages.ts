// The English fragments bundled into a page that runs outside the extension (web viewer, dev
// server), where chrome.i18n does not exist. Vite inlines the JSON at build time.
/// <reference types="vite/client" />
import { setFallbackMessages, type MessageTable } from './i18n.ts';

const fragments = import.meta.glob<MessageTable>('../_locales/en/*.json', { eager: true, import: 'default' });

export function useBundledMessages(): void {
  for (const table of Object.values(fragments)) setFallbackMessages(table);
}
