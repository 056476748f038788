// The account page's words in one language (shell and script both speak through this): the
// shared translator over the account page's catalog.
import type { SiteLanguage } from '../../languages/site-languages.ts';
import { createTranslator, type Translator as TranslatorOf } from '../../languages/translator.ts';
import { CATALOGS } from './account-languages.ts';
import type { MessageKey } from './en.ts';

export type Translator = TranslatorOf<MessageKey>;

export const translator = (lang: SiteLanguage): Translator => createTranslator(lang, CATALOGS[lang]);
