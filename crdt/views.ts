// The read models: plain readonly data that views render. Nothing here is a Y type, so a view
// can never write to a document by accident. Times are epoch milliseconds; durations say their
// unit in the name (Sec or Ms).
import type { ActionId, ActorId, DecisionId, ItemId, MeetingId, TemplateId } from './ids.ts';

/** Something a reader skipped because a newer or broken client wrote it. */
export interface ReadWarning {
  readonly where: string;
  readonly problem: string;
}

export type MeetingStatus = 'planned' | 'running' | 'ended';

export interface ClockView {
  readonly started: boolean;
  readonly paused: boolean;
  readonly ended: boolean;
  readonly running: boolean;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly currentItemId: ItemId | null;
  /** Position of the current item in the agenda, -1 when none (or it was removed). */
  readonly currentIndex: number;
  readonly itemElapsedMs: number;
  /** Planned time of the current item including extensions. */
  readonly itemPlannedMs: number;
  readonly itemRemainingMs: number;
  readonly itemOverrun: boolean;
  readonly itemOverrunMs: number;
  /** Running time only: pauses do not count. Equals the sum of actualMs. */
  readonly meetingElapsedMs: number;
  readonly meetingPlannedMs: number;
  readonly meetingRemainingMs: number;
  readonly meetingOverrun: boolean;
  readonly meetingOverrunMs: number;
  readonly actualMs: Readonly<Record<string, number>>;
  readonly extendedSec: Readonly<Record<string, number>>;
  /** Items in the order they first became current. */
  readonly visited: readonly ItemId[];
  /** Items the meeting moved past with Next: covered, even when nobody ticked them done. */
  readonly completed: readonly ItemId[];
  readonly eventCount: number;
}

export type ItemState = 'upcoming' | 'current' | 'visited';

export interface ItemView {
  readonly id: ItemId;
  readonly index: number;
  readonly title: string;
  readonly plannedSec: number;
  readonly owner: string;
  readonly prompt: string;
  readonly notes: string;
  readonly done: boolean;
  readonly state: ItemState;
  readonly actualMs: number;
  readonly extendedSec: number;
}

export interface ActionView {
  readonly id: ActionId;
  readonly text: string;
  readonly owner: string;
  /** A calendar date, YYYY-MM-DD, or null. */
  readonly due: string | null;
  readonly done: boolean;
  readonly itemId: ItemId | null;
  readonly createdAt: number;
  /** The meeting a follow-up carried this open action over from, or null. */
  readonly carriedFrom: MeetingId | null;
}

export interface DecisionView {
  readonly id: DecisionId;
  readonly text: string;
  readonly itemId: ItemId | null;
  readonly createdAt: number;
}

export interface MeetingMetaView {
  readonly id: MeetingId | null;
  readonly title: string;
  readonly createdAt: number;
  readonly scheduledFor: number | null;
  /** The booked length, when set; otherwise the plan is the sum of the items. */
  readonly durationSec: number | null;
  readonly templateId: TemplateId | null;
  readonly followUpOf: MeetingId | null;
}

export interface MeetingView extends MeetingMetaView {
  /** When the folded clock log ended the meeting; null while it has not. */
  readonly endedAt: number | null;
  readonly status: MeetingStatus;
  readonly items: readonly ItemView[];
  readonly itemsPlannedSec: number;
  /** durationSec when set, else itemsPlannedSec. */
  readonly plannedSec: number;
  /** False when the items' time boxes add up to more than the booked duration. */
  readonly planFits: boolean;
  readonly notes: string;
  readonly actions: readonly ActionView[];
  readonly decisions: readonly DecisionView[];
  readonly clock: ClockView;
  readonly warnings: readonly ReadWarning[];
}

export interface ReportItem {
  readonly id: ItemId;
  readonly title: string;
  readonly owner: string;
  /** The time box as set on the agenda. */
  readonly boxSec: number;
  readonly extendedSec: number;
  /** What the row is measured against: the box plus its extensions. */
  readonly plannedSec: number;
  /** Rounded with the other rows so that the rows add up to the meeting's actualSec. */
  readonly actualSec: number;
  /** Seconds beyond plannedSec; 0 when on time. */
  readonly overrunSec: number;
  readonly skipped: boolean;
  readonly done: boolean;
  readonly notes: string;
}

export interface MeetingReport {
  readonly id: MeetingId | null;
  readonly title: string;
  readonly scheduledFor: number | null;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly status: MeetingStatus;
  readonly items: readonly ReportItem[];
  readonly plannedSec: number;
  readonly actualSec: number;
  readonly overrunSec: number;
  readonly skippedCount: number;
  readonly overrunCount: number;
  readonly notes: string;
  readonly decisions: readonly DecisionView[];
  readonly actions: readonly ActionView[];
  readonly warnings: readonly ReadWarning[];
}

export interface TemplateItem {
  readonly title: string;
  readonly plannedSec: number;
  /** Shown in an item's empty notes as a hint. */
  readonly prompt: string;
}

export interface TemplateView {
  readonly id: TemplateId;
  readonly name: string;
  readonly description: string;
  readonly builtIn: boolean;
  readonly durationSec: number | null;
  readonly items: readonly TemplateItem[];
  readonly itemsPlannedSec: number;
  readonly createdAt: number | null;
  readonly updatedAt: number | null;
}

export interface MeetingIndexEntry {
  readonly id: MeetingId;
  readonly title: string;
  readonly scheduledFor: number | null;
  readonly status: MeetingStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly followUpOf: MeetingId | null;
}

/** A meeting or template in the trash; purgeAt is when any device opening the library removes it. */
export type TrashEntry =
  | { readonly kind: 'meeting'; readonly id: MeetingId; readonly title: string; readonly deletedAt: number; readonly purgeAt: number }
  | { readonly kind: 'template'; readonly id: TemplateId; readonly title: string; readonly deletedAt: number; readonly purgeAt: number };

export interface LibraryView {
  /** Built-ins first, then the person's own, by name; none in the trash. */
  readonly templates: readonly TemplateView[];
  /** Newest first: by scheduled time, else creation time; none in the trash. */
  readonly meetings: readonly MeetingIndexEntry[];
  /** Most recently deleted first, including entries past purgeAt that no device has purged yet. */
  readonly trash: readonly TrashEntry[];
  readonly warnings: readonly ReadWarning[];
}

/** What every clock operation needs: the corrected time and who acted. */
export interface ClockStamp {
  readonly now: number;
  readonly by: ActorId;
}
