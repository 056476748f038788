// Options page entry.
import { mount } from 'svelte';
import '../styles/tokens.css';
import '../styles/base.css';
import OptionsApp from './OptionsApp.svelte';
import { t, uiLanguage } from '../platform/i18n.ts';

document.title = t('optTitle');
document.documentElement.lang = uiLanguage();
mount(OptionsApp, { target: document.getElementById('app')! });
