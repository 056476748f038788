// User settings: one typed defaults object, stored as one record so a reader never sees half an
// update. Every context (side panel, popup, options, background, overlay) reads them from here.
import { packagedRelayUrl } from './packaged-relay.ts';
import { readKey, updateKey, watchKey } from './storage-area.ts';

export interface Account {
  readonly accountId: string;
  readonly email: string;
  readonly session: string;
  /** The display name the relay holds; absent for accounts signed in before names were kept. */
  readonly name?: string;
}

export interface Settings {
  /** The relay to sync through; empty when the person has named none. */
  readonly relayUrl: string;
  readonly account: Account | null;
  readonly syncEnabled: boolean;
  readonly chimeEnabled: boolean;
  /** 0..1 */
  readonly chimeVolume: number;
  readonly warnMinutes: number;
  readonly overlayEnabled: boolean;
  readonly autoAdvance: boolean;
  /** Opt-in anonymous usage counts (extension/data/usage-report.ts); off by default. */
  readonly usageCounts: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  relayUrl: '',
  account: null,
  syncEnabled: true,
  chimeEnabled: true,
  chimeVolume: 0.6,
  warnMinutes: 2,
  overlayEnabled: true,
  autoAdvance: false,
  usageCounts: false,
} as const;

const SETTINGS_KEY = 'settings' as const;

// A package downloaded from a relay names that relay as the default (platform/packaged-relay.ts).
let defaults: Settings = DEFAULT_SETTINGS;
const whenDefaults = packagedRelayUrl().then((relayUrl) => {
  if (relayUrl !== null) defaults = { ...DEFAULT_SETTINGS, relayUrl };
});

export async function getSettings(): Promise<Settings> {
  const [stored] = await Promise.all([readKey<Partial<Settings>>(SETTINGS_KEY), whenDefaults]);
  return { ...defaults, ...stored };
}

// Serialised across every context of the profile (updateKey), so two patches cannot overwrite
// each other. Only what the person set is stored, never the defaults around it, so a default can
// change in a later version (or come from the package) without an old copy of it standing in the
// way; what is stored stays.
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const stored = await updateKey<Partial<Settings>>(SETTINGS_KEY, (current) => ({ ...current, ...patch }));
  await whenDefaults;
  return { ...defaults, ...stored };
}

export function onSettingsChanged(cb: (settings: Settings) => void): () => void {
  return watchKey(SETTINGS_KEY, (value) => cb({ ...defaults, ...(value as Partial<Settings> | undefined) }));
}

/** True when documents should sync through the relay. */
export function syncActive(settings: Settings): settings is Settings & { account: Account } {
  return settings.syncEnabled && settings.account !== null && settings.relayUrl !== '';
}
