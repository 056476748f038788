// Popup entry: the running meeting's clock with Next and Pause, or the next upcoming meeting.
import { mount } from 'svelte';
import '../styles/tokens.css';
import '../styles/base.css';
import { uiLanguage } from '../platform/i18n.ts';
import Popup from './Popup.svelte';

// The page speaks the messages' language: screen readers pick their voice, and CSS its
// hyphenation, from it.
document.documentElement.lang = uiLanguage();

const target = document.getElementById('app');
if (target) mount(Popup, { target });
