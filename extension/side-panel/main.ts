// Side panel entry: global styles, then the app. Paints the first frame as soon as the library
// index is read; meetings open their own documents on demand.
import { mount } from 'svelte';
import '../styles/tokens.css';
import '../styles/base.css';
import App from './App.svelte';

const target = document.getElementById('app');
if (target) mount(App, { target });
