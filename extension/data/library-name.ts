// Which library document this profile uses: the account's once signed in (library/<accountId>,
// synced), else the local space's (library/<localSpaceId>, never synced).
import { libraryDocName } from '../../crdt/doc-names.ts';
import type { SpaceId } from '../../crdt/ids.ts';
import { localSpaceId } from '../platform/device.ts';
import { getSettings, onSettingsChanged, type Settings } from '../platform/settings.ts';

async function nameFor(settings: Settings): Promise<string> {
  return libraryDocName(settings.account ? (settings.account.accountId as SpaceId) : await localSpaceId());
}

export async function currentLibraryName(): Promise<string> {
  return nameFor(await getSettings());
}

export function onLibraryNameChanged(cb: (name: string) => void): () => void {
  let last: string | null = null;
  void currentLibraryName().then((name) => (last ??= name));
  return onSettingsChanged((settings) => {
    void nameFor(settings).then((name) => {
      if (name !== last) cb((last = name));
    });
  });
}
