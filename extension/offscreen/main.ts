// The offscreen document exists only to play the chime the background asks for.
import { onMessage } from '../platform/runtime.ts';
import { playChime } from './chime.ts';

onMessage((message) => {
  if (message.type === 'chime') void playChime(message.volume);
});
