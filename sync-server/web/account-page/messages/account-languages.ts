// The account page's catalogs, one per language the relay's pages speak. English is the source
// and the answer for any language not listed.
import type { SiteLanguage } from '../../languages/site-languages.ts';
import { de } from './de.ts';
import { en, type Catalog } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';

export const CATALOGS: Readonly<Record<SiteLanguage, Catalog>> = { en, de, fr, es, ja };
