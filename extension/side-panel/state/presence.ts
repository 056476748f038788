// Who this person is to collaborators in a meeting: the name and colour the notes editors show
// next to their cursor (y-codemirror.next reads the awareness field `user`), and the viewer's
// "Here now". Only the account's display name is ever used, never anything from the email, which
// a share link's visitors must not learn. A name changed in the options follows at once.
import type { Awareness } from 'y-protocols/awareness';
import { getSettings, onSettingsChanged, type Settings } from '../../platform/settings.ts';
import { t } from '../../platform/i18n.ts';
import { actor } from './randomness.ts';

// Dark enough for white label text, distinct from one another.
const COLORS = ['#2f6f5e', '#8a4fbf', '#b3541e', '#1f6feb', '#a3245a', '#5a6b00'] as const;

function colorFor(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length] ?? COLORS[0];
}

function presenceName(settings: Pick<Settings, 'account'>): string {
  return settings.account?.name?.trim() || t('presenceGuest');
}

function announce(awareness: Awareness, settings: Settings): void {
  const name = presenceName(settings);
  const color = colorFor(settings.account?.accountId ?? actor);
  const user = awareness.getLocalState()?.user as { name?: string; color?: string } | undefined;
  if (user?.name === name && user.color === color) return;
  awareness.setLocalStateField('user', { name, color, colorLight: `${color}33` });
}

/** Announces this person now and again whenever the settings change; returns the stop. */
export function followPresence(awareness: Awareness): () => void {
  let stopped = false;
  void getSettings().then((settings) => {
    if (!stopped) announce(awareness, settings);
  });
  const stop = onSettingsChanged((settings) => announce(awareness, settings));
  return () => {
    stopped = true;
    stop();
  };
}
