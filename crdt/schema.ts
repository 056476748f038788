// The names under which each document keeps its shared types and fields. Writers and readers
// both go through these constants, so a rename can never split a document in two.
export const SCHEMA_VERSION = 1 as const;

export const MEETING_ROOT = {
  meta: 'meta',
  items: 'items',
  notes: 'notes',
  actions: 'actions',
  decisions: 'decisions',
  clock: 'clock',
} as const;

export const META_KEY = {
  schemaVersion: 'schemaVersion',
  id: 'id',
  title: 'title',
  createdAt: 'createdAt',
  scheduledFor: 'scheduledFor',
  durationSec: 'durationSec',
  templateId: 'templateId',
  followUpOf: 'followUpOf',
  // Written by older versions beside the clock log; known so it reads without a warning, never used.
  endedAt: 'endedAt',
} as const;

export const ITEM_KEY = {
  id: 'id',
  title: 'title',
  plannedSec: 'plannedSec',
  owner: 'owner',
  prompt: 'prompt',
  notes: 'notes',
  done: 'done',
  // Items are ordered by this fractional key, not by array position: a move is one field
  // write, so concurrent moves converge and never duplicate an item or its notes.
  order: 'order',
} as const;

export const ACTION_KEY = {
  id: 'id',
  text: 'text',
  owner: 'owner',
  due: 'due',
  done: 'done',
  itemId: 'itemId',
  createdAt: 'createdAt',
  // The meeting an open action was carried over from by a follow-up; absent on its own actions.
  carriedFrom: 'carriedFrom',
} as const;

export const DECISION_KEY = {
  id: 'id',
  text: 'text',
  itemId: 'itemId',
  createdAt: 'createdAt',
} as const;

export const LIBRARY_ROOT = {
  meta: 'meta',
  templates: 'templates',
  meetings: 'meetings',
} as const;

export const TEMPLATE_KEY = {
  id: 'id',
  name: 'name',
  description: 'description',
  durationSec: 'durationSec',
  // One JSON value: a template's items are edited as a whole, last writer wins.
  items: 'items',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  // Set while the template is in the trash; see trash-ops.ts.
  deletedAt: 'deletedAt',
} as const;

export const INDEX_KEY = {
  id: 'id',
  title: 'title',
  scheduledFor: 'scheduledFor',
  status: 'status',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  followUpOf: 'followUpOf',
  // Set while the meeting is in the trash; see trash-ops.ts.
  deletedAt: 'deletedAt',
} as const;

export const LIMITS = {
  maxPlannedSec: 24 * 3600,
  maxExtendSec: 4 * 3600,
  maxTitleLength: 500,
  /** Clock events outside these epoch bounds come from a broken device clock and are skipped. */
  minClockTime: Date.UTC(2000, 0, 1),
  maxClockTime: Date.UTC(2200, 0, 1),
  /** One clock event counts as at most this long after the one before it (a week). */
  maxClockGapMs: 7 * 24 * 3600 * 1000,
  /** How long a deleted meeting or template stays in the trash before any device purges it. */
  trashKeepMs: 30 * 24 * 3600 * 1000,
} as const;
