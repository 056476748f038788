// Which document's sync status the header badge shows: the open meeting's, else the library's.
import type { SyncStatus } from '../../components/component-types.ts';

class ShownStatus {
  meeting: SyncStatus | null = $state(null);
}

export const shownStatus = new ShownStatus();
