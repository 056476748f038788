// A button that ends something on the relay (a session, a share link, a sign-in) with one DELETE,
// then reports in the list's live region and redraws the lists. A refusal may be taken over by
// `onRefused` (a sign-in removed from an old session asks for the password and sends it again).
import { failureText } from './api.ts';
import { clearStatus, el, showStatus, whileBusy } from './dom.ts';
import type { PageContext } from './page-context.ts';

export interface RevokeAction {
  readonly label: string;
  readonly ariaLabel: string;
  readonly path: string;
  readonly done: string;
  readonly status: HTMLElement;
  /** Returns true when it handled the refusal; `retry` sends the DELETE again with the password. */
  readonly onRefused?: (error: unknown, retry: (currentPassword: string) => Promise<string>) => boolean;
}

export function revokeButton(ctx: PageContext, action: RevokeAction): HTMLButtonElement {
  const button = el('button', { className: 'secondary', attrs: { type: 'button', 'aria-label': action.ariaLabel } }, action.label);
  button.addEventListener('click', () => {
    void whileBusy(button, async () => {
      clearStatus(action.status);
      try {
        await ctx.api.json('DELETE', action.path);
        showStatus(action.status, action.done, 'ok');
        await ctx.redraw();
      } catch (error) {
        const retry = async (currentPassword: string) => {
          await ctx.api.json('DELETE', action.path, { currentPassword });
          return action.done;
        };
        if (!action.onRefused?.(error, retry)) showStatus(action.status, failureText(error), 'error');
      }
    });
  });
  return button;
}
