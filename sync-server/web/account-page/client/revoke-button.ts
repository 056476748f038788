// A button that ends something on the relay (a session, a share link) with one DELETE, then
// reports in the list's live region and redraws the lists.
import { failureText } from './api.ts';
import { clearStatus, el, showStatus, whileBusy } from './dom.ts';
import type { PageContext } from './page-context.ts';

export interface RevokeAction {
  readonly label: string;
  readonly ariaLabel: string;
  readonly path: string;
  readonly done: string;
  readonly status: HTMLElement;
}

export function revokeButton(ctx: PageContext, action: RevokeAction): HTMLButtonElement {
  const button = el('button', { className: 'secondary', attrs: { type: 'button', 'aria-label': action.ariaLabel } }, action.label);
  button.addEventListener('click', () => {
    void whileBusy(button, async () => {
      clearStatus(action.status);
      try {
        await ctx.api.json('DELETE', action.path);
        showStatus(action.status, action.done, 'ok');
        await ctx.refresh();
      } catch (error) {
        showStatus(action.status, failureText(error), 'error');
      }
    });
  });
  return button;
}
