// The script speaks the language the shell declared in <html lang>, never the browser's own
// setting, so the server-rendered shell and what the script writes into it never disagree.
import { DEFAULT_LANGUAGE, isSiteLanguage } from '../../languages/site-languages.ts';
import { translator } from '../messages/translator.ts';

const declared = document.documentElement.lang;

export const words = translator(isSiteLanguage(declared) ? declared : DEFAULT_LANGUAGE);
