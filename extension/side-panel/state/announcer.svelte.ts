// What the page's aria-live region says. Re-announcing the same words needs a change of text,
// so a repeat gets an invisible zero-width suffix toggled on and off.
const ZERO_WIDTH = '\u200b' as const;

class Announcer {
  message = $state('');

  say(text: string): void {
    this.message = this.message === text ? text + ZERO_WIDTH : text;
  }
}

export const announcer = new Announcer();
