// Deleting, restoring and deleting for good, as the side panel offers them: a deletion moves the
// entry to the library's trash and offers Undo in the snackbar; a restore says so and puts the
// focus back on the restored entry's row when it is on screen. A deleted meeting stops being
// this device's active one (popup, badge and overlay let go of it); Undo makes it active again.
import { tick } from 'svelte';
import { t } from '../../platform/i18n.ts';
import { getActiveMeeting, setActiveMeeting } from '../../platform/active-meeting.ts';
import { deleteForever, moveToTrash, restoreFromTrash, type TrashRef } from '../../../crdt/index.ts';
import { announcer } from './announcer.svelte.ts';
import { library } from './library.svelte.ts';
import { snackbar } from './snackbar.svelte.ts';
import { ticker } from './ticker.ts';

const DELETED_MESSAGE = { meeting: 'libraryTrashMeetingDeleted', template: 'libraryTrashTemplateDeleted' } as const;
const ROW_SELECTOR = { meeting: '[data-meeting="$"]', template: '[data-template="$"] .delete' } as const;

export async function deleteWithUndo(ref: TrashRef, title: string): Promise<void> {
  if (!moveToTrash(await library.ready, ref, ticker.corrected())) return;
  const wasActive = ref.kind === 'meeting' && (await getActiveMeeting()) === ref.id;
  if (wasActive) await setActiveMeeting(null);
  snackbar.show({ message: t(DELETED_MESSAGE[ref.kind]), actionLabel: t('snackbarUndo'), onAction: () => void restore(ref, title, wasActive) });
}

export async function restore(ref: TrashRef, title: string, reactivate = false): Promise<void> {
  if (!restoreFromTrash(await library.ready, ref)) return;
  if (reactivate) await setActiveMeeting(ref.id);
  announcer.say(t('libraryTrashRestored', title));
  await tick();
  document.querySelector<HTMLElement>(ROW_SELECTOR[ref.kind].replace('$', ref.id))?.focus();
}

export async function removeForever(ref: TrashRef, title: string): Promise<void> {
  if (deleteForever(await library.ready, ref)) announcer.say(t('libraryTrashDeletedForever', title));
}
