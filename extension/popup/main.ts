// Popup entry: the running meeting's clock with Next and Pause, or the next upcoming meeting.
import { mount } from 'svelte';
import '../styles/tokens.css';
import '../styles/base.css';
import Popup from './Popup.svelte';

const target = document.getElementById('app');
if (target) mount(Popup, { target });
