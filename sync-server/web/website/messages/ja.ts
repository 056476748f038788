import type { PageCatalog } from './en.ts';
import { en } from './en.ts';
export const ja: PageCatalog = { ...en };
