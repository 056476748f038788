// Erases meetings that left the library for good: those found removed when the library loads, and
// each removal as it happens, whether Delete forever, the trash purge or another device made it.
// This device's copies are deleted here; the relay's are only recorded (data/pending-erases.ts),
// and the service worker alone sends those deletions (background/erase-sender.ts): the side panel
// never calls the relay for them, and one recorded goes out whether a panel is open or not. An
// erased meeting that is open here is closed first (the side panel goes back to the library; the
// popup, badge and overlay let go of it as the active meeting), so its document is released
// before its database is deleted and nothing writes it back.
import { tick } from 'svelte';
import type * as Y from 'yjs';
import { erasedMeetingIds, onMeetingsErased, type MeetingId } from '../../../crdt/index.ts';
import { planErase } from '../../data/erase-plan.ts';
import { deleteLocalDocument, localDocumentNames } from '../../data/local-documents.ts';
import { addPendingErases, eraseTarget } from '../../data/pending-erases.ts';
import { getActiveMeeting, setActiveMeeting } from '../../platform/active-meeting.ts';
import { t } from '../../platform/i18n.ts';
import { getSettings } from '../../platform/settings.ts';
import { announcer } from './announcer.svelte.ts';
import { router } from './router.svelte.ts';

async function closeIfOpen(ids: readonly MeetingId[]): Promise<void> {
  const active = await getActiveMeeting();
  if (active !== null && ids.includes(active as MeetingId)) await setActiveMeeting(null);
  const route = router.route;
  if (route.view !== 'meeting' || !ids.includes(route.id)) return;
  router.go({ view: 'library' });
  announcer.say(t('meetingErased'));
  await tick();
}

async function erase(ids: readonly MeetingId[], seen: 'live' | 'found'): Promise<void> {
  if (ids.length === 0) return;
  const sync = eraseTarget(await getSettings());
  const plan = planErase(ids, seen, { localDatabases: await localDocumentNames(), sync });
  if (seen === 'live' || plan.localDocs.length > 0) await closeIfOpen(ids);
  await addPendingErases(plan.relay);
  for (const name of plan.localDocs) void deleteLocalDocument(name);
}

/** Starts erasing for this library; returns the stop function. */
export function watchErasedMeetings(lib: Y.Doc): () => void {
  void erase(erasedMeetingIds(lib), 'found');
  return onMeetingsErased(lib, (ids) => void erase(ids, 'live'));
}
