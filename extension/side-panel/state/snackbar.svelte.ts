// The side panel's one snackbar: a short message with one action (such as "Undo") that stays a
// while and then goes. A new offer replaces the one shown; the message is also said in the
// page's live region, so screen reader users hear it wherever their focus is.
import { announcer } from './announcer.svelte.ts';

export interface SnackbarOffer {
  readonly message: string;
  readonly actionLabel: string;
  readonly onAction: () => void;
}

export type ShownOffer = SnackbarOffer & { readonly key: number };

class Snackbar {
  current: ShownOffer | null = $state.raw(null);
  #count = 0;

  show(offer: SnackbarOffer): void {
    this.current = { ...offer, key: ++this.#count };
    announcer.say(offer.message);
  }

  act(): void {
    const offer = this.current;
    this.current = null;
    offer?.onAction();
  }

  dismiss(): void {
    this.current = null;
  }
}

export const snackbar = new Snackbar();
