// The row shapes the shared list components take (agenda, actions, decisions, chart, progress),
// so a list can be fed from a read model, a template or a patch in progress. Other components
// take crdt's plain read models (ClockView, ItemView, MeetingReport), and NotesEditor binds a
// Y.Text with its awareness, as the side panel and the web viewer both hold one.

export type { SyncStatus } from '../data/sync-status.ts';

export type Segment = {
  readonly id: string;
  readonly title: string;
  readonly plannedSec: number;
  readonly elapsedSec: number;
  readonly state: 'done' | 'current' | 'upcoming';
};

export type AgendaRow = {
  readonly id: string;
  readonly title: string;
  readonly plannedSec: number;
  readonly owner: string;
  /** Cannot be removed (a running meeting's current or visited item). */
  readonly fixed?: boolean;
  /** A short state shown beside the item, such as "Now". */
  readonly badge?: string;
};

export type AgendaPatch = Partial<Pick<AgendaRow, 'title' | 'plannedSec' | 'owner'>>;

export type ActionRow = {
  readonly id: string;
  readonly text: string;
  readonly owner: string;
  readonly due: string;
  readonly done: boolean;
  /** Carried over from the meeting this one follows up; listed in a group of its own. */
  readonly carried?: boolean;
};

export type ActionPatch = Partial<Omit<ActionRow, 'id' | 'carried'>>;

export type DecisionRow = { readonly id: string; readonly text: string };

export type ChartRow = {
  readonly id: string;
  readonly title: string;
  /** The time box plus its extensions: the figure the actual is measured against. */
  readonly plannedSec: number;
  /** The part of plannedSec added during the meeting, shown beside it. */
  readonly extendedSec?: number;
  readonly actualSec: number;
  /** Never reached before the meeting ended. */
  readonly skipped?: boolean;
};
