// Who this person is to collaborators in a meeting: the name and colour the notes editors show
// next to their cursor (y-codemirror.next reads the awareness field `user`).
import type { Awareness } from 'y-protocols/awareness';
import { getSettings } from '../../platform/settings.ts';
import { t } from '../../platform/i18n.ts';
import { actor } from './randomness.ts';

// Dark enough for white label text, distinct from one another.
const COLORS = ['#2f6f5e', '#8a4fbf', '#b3541e', '#1f6feb', '#a3245a', '#5a6b00'] as const;

function colorFor(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length] ?? COLORS[0];
}

export async function announcePresence(awareness: Awareness): Promise<void> {
  const settings = await getSettings();
  const name = settings.account?.email.split('@')[0] || t('presenceGuest');
  const color = colorFor(settings.account?.accountId ?? actor);
  awareness.setLocalStateField('user', { name, color, colorLight: `${color}33` });
}
