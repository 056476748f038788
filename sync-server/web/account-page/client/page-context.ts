// What every part of the signed-in page shares: the API, a way to reload the lists after a
// change, and the signed-out transition.
import type { AccountInfo, Api } from './api.ts';

export interface PageContext {
  readonly api: Api;
  /** Reloads account, sessions, meetings and shares from the relay and redraws them. */
  refresh(): Promise<void>;
  /** refresh() after a change that succeeded: a reload that fails then leaves the lists as
   *  they were and never throws, so the change is not reported as failed (a 401 has returned
   *  the page to sign-in already). */
  redraw(): Promise<void>;
  /** Forgets the session in this tab and shows sign-in with an optional note. */
  signedOut(note: string | null): void;
  account(): AccountInfo | null;
}
