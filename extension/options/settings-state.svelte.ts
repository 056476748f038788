// The settings as reactive state for the options page: loaded once, kept current by storage
// change events (another context may change them too), written through updateSettings.
import { DEFAULT_SETTINGS, getSettings, onSettingsChanged, updateSettings, type Settings } from '../platform/settings.ts';

export class SettingsState {
  current = $state<Settings>(DEFAULT_SETTINGS);
  loaded = $state(false);

  constructor() {
    void getSettings().then((s) => {
      this.current = s;
      this.loaded = true;
    });
    onSettingsChanged((s) => (this.current = s));
  }

  async patch(patch: Partial<Settings>): Promise<void> {
    this.current = await updateSettings(patch);
  }
}
