// Side panel entry: global styles, then the app. Paints the first frame as soon as the library
// index is read; meetings open their own documents on demand.
import { mount } from 'svelte';
import '../styles/tokens.css';
import '../styles/base.css';
import { uiLanguage } from '../platform/i18n.ts';
import App from './App.svelte';

// The page speaks the messages' language: screen readers pick their voice, and CSS its
// hyphenation, from it.
document.documentElement.lang = uiLanguage();

const target = document.getElementById('app');
if (target) mount(App, { target });
