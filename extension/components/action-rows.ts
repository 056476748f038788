// The action list's rows from the data model's actions: every context that lists a meeting's
// actions (side panel, web viewer) shows the same fields, carried-over ones marked.
import type { ActionView } from '../../crdt/index.ts';
import type { ActionRow } from './component-types.ts';

export function actionRows(actions: readonly ActionView[]): ActionRow[] {
  return actions.map((a) => ({ id: a.id, text: a.text, owner: a.owner, due: a.due ?? '', done: a.done, carried: a.carriedFrom !== null }));
}
