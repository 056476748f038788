// Whether this browser last showed the viewer in presentation mode: a screen that is shared to a
// room opens the next meeting the same way. Kept in localStorage (per browser, not per link);
// storage that is blocked or full only means the choice is not remembered.
const KEY = 'ltm.viewer.presentation';

export function presentationRemembered(storage: Pick<Storage, 'getItem'> | null = globalThis.localStorage ?? null): boolean {
  try {
    return storage?.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

export function rememberPresentation(on: boolean, storage: Pick<Storage, 'setItem' | 'removeItem'> | null = globalThis.localStorage ?? null): void {
  try {
    if (on) storage?.setItem(KEY, 'on');
    else storage?.removeItem(KEY);
  } catch {
    // Private windows may refuse storage; the mode still works for this visit.
  }
}
