/// <reference types="chrome" />
// The service worker: follows the active meeting and turns its clock into alarms, notifications,
// a chime, the badge and overlay snapshots; handles keyboard commands; and is the one sender of
// the relay deletions of erased meetings that any context records (erase-sender.ts). Listeners
// are registered synchronously at top level so Chrome can wake the worker for them.
import type { MeetingView } from '../../crdt/views.ts';
import { actorId, localSpaceId } from '../platform/device.ts';
import { t } from '../platform/i18n.ts';
import { inMinutesText, minutesText } from '../components/format-time.ts';
import { isRuntimeMessage } from '../platform/messages.ts';
import { getSettings, onSettingsChanged } from '../platform/settings.ts';
import { ActiveMeetingFollower, type ActiveMeeting } from './active-meeting.ts';
import { syncAlarms } from './alarm-scheduler.ts';
import { alert, chime } from './alert.ts';
import { showBadge } from './badge.ts';
import {
  ALARM_PREFIX,
  alarmStillApplies,
  badgeFor,
  currentItemTitle,
  isCounting,
  MINUTE_MS,
  nextItemTitle,
  overtakenSignal,
  overtakenStillDue,
  parseAlarmName,
  planAlarms,
  snapshotFor,
  TICK_ALARM,
  type AlarmKind,
  type OvertakenSignal,
} from './clock-signals.ts';
import { startEraseSender } from './erase-sender.ts';
import { settleEndedMeeting } from './ended-meeting.ts';
import { claimMeetingsOnce } from './meeting-claim.ts';
import { listenForOverlays, publishSnapshot } from './overlay-ports.ts';
import { countInstall, syncUninstallUrl } from './usage-lifecycle.ts';

async function refresh(active: ActiveMeeting | null): Promise<void> {
  const view = active?.meeting.snapshot() ?? null;
  if (active && view?.clock.ended) void settleEndedMeeting(active);
  const { warnMinutes } = await getSettings();
  await showBadge(badgeFor(view));
  publishSnapshot(snapshotFor(view, Date.now()));
  const cleared = await syncAlarms(view ? planAlarms(view, Date.now(), warnMinutes) : [], !!view && isCounting(view));
  // Chrome drops a cleared alarm, so one whose moment a re-timing has passed is announced here,
  // once the time box has settled (overtakenStillDue).
  const overtaken = view ? overtakenSignal(cleared, view, warnMinutes) : null;
  if (overtaken) setTimeout(() => void announceOvertaken(overtaken), OVERTAKEN_SETTLE_MS);
}

// A time box is saved as it is typed; a value that stands this long is the one meant.
const OVERTAKEN_SETTLE_MS = 3_000;

// Never advances: moving the meeting on is too much to follow from a number being typed.
async function announceOvertaken(signal: OvertakenSignal): Promise<void> {
  const active = follower.current();
  const view = active?.meeting.snapshot();
  const { warnMinutes } = await getSettings();
  if (active && view && overtakenStillDue(signal, view, warnMinutes)) await announce(signal.kind, signal.name, active, view, false);
}

// Typing in the notes updates the doc many times a second; the clock signals need one pass.
const REFRESH_COALESCE_MS = 100;
let refreshQueued = false;
function queueRefresh(): void {
  if (refreshQueued) return;
  refreshQueued = true;
  setTimeout(() => {
    refreshQueued = false;
    void refresh(follower.current());
  }, REFRESH_COALESCE_MS);
}

const follower = new ActiveMeetingFollower(queueRefresh);

async function onAlarm(name: string): Promise<void> {
  await follower.ready;
  const active = follower.current();
  if (name === TICK_ALARM || !active) return refresh(active);
  const alarm = parseAlarmName(name);
  const view = active.meeting.snapshot();
  if (!alarm || !alarmStillApplies(alarm, view)) return refresh(active);
  await announce(alarm.kind, name, active, view);
  await refresh(active);
}

// The warning or time's up for the current item: a notification and the chime, and at time's up
// the move to the next item when auto-advance is on.
async function announce(kind: AlarmKind, name: string, active: ActiveMeeting, view: MeetingView, mayAdvance = true): Promise<void> {
  const current = await getSettings();
  // Titles left empty are stored empty; a notification names them as every other view does.
  const item = currentItemTitle(view) || t('agendaUntitled');
  const meeting = view.title || t('meetingUntitled');
  if (kind === 'warn') {
    const minutes = Math.max(1, Math.round(view.clock.itemRemainingMs / MINUTE_MS));
    await alert(name, t('bgWarnTitle', minutesText(minutes * 60)), t('bgWarnMessage', item, inMinutesText(minutes)), current, meeting);
  } else {
    const raw = nextItemTitle(view);
    const next = raw === null ? null : raw || t('agendaUntitled');
    if (mayAdvance && current.autoAdvance && next !== null && active.meeting.next()) {
      await alert(name, t('bgTimesUpTitle', item), t('bgAutoAdvanced', next), current, meeting);
    } else {
      await alert(name, t('bgTimesUpTitle', item), next === null ? t('bgTimesUpLast') : t('bgTimesUpNext', next), current, meeting);
    }
  }
}

chrome.alarms.onAlarm.addListener((alarm) => {
  // The erase sender's retry alarm is its own (erase-sender.ts); the clock's carry its prefix.
  if (alarm.name.startsWith(ALARM_PREFIX)) void onAlarm(alarm.name);
});

chrome.commands.onCommand.addListener((command, tab) => {
  if (command === 'open-side-panel') {
    if (tab?.windowId !== undefined) void chrome.sidePanel.open({ windowId: tab.windowId });
    return;
  }
  if (command === 'next-item' || command === 'toggle-pause') {
    void follower.ready.then(() => {
      const meeting = follower.current()?.meeting;
      if (command === 'next-item') meeting?.next();
      else meeting?.togglePause();
    });
  }
});

chrome.runtime.onInstalled.addListener((details) => {
  countInstall(details.reason);
  void actorId();
  void localSpaceId();
  void chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: false });
});

void getSettings().then((s) => {
  void syncUninstallUrl(s);
  void claimMeetingsOnce(s.account?.accountId ?? null);
});
onSettingsChanged((next) => {
  void syncUninstallUrl(next);
  void claimMeetingsOnce(next.account?.accountId ?? null);
  queueRefresh();
});

chrome.runtime.onMessage.addListener((message: unknown) => {
  if (isRuntimeMessage(message) && message.type === 'play-chime') void chime(message.volume).catch(() => undefined);
});

listenForOverlays();
startEraseSender();
