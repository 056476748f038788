// The usage events the relay counts and the extension may send: a wire contract shared by both
// sides (like close-codes.ts), so a name is added or removed in one place only.
export const USAGE_EVENTS = [
  'template_selected',
  'meeting_started',
  'meeting_ended',
  'item_created',
  'item_started',
  'notes_created',
  'installed',
  'updated',
  'uninstalled',
] as const;

export type UsageEvent = (typeof USAGE_EVENTS)[number];
