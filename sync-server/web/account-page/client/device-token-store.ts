// The device tokens the relay hands out at sign-in, one per email, in localStorage: they must
// outlive the tab (unlike the session) so that this browser's next sign-in proves it signed in
// before and is not throttled with strangers guessing the same email. A token alone grants
// nothing; the password is still needed.
import { DEVICE_TOKENS_KEY } from '../account-routes.ts';

type TokenTable = Record<string, string>;

// The token is the relay's and opaque here (its form changed when tokens gained an issue time):
// only junk that no relay sends is refused, never a shape the relay may change.
const TOKEN = /^[A-Za-z0-9_.-]{1,256}$/;

function read(): TokenTable {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(DEVICE_TOKENS_KEY) ?? '{}');
    return typeof value === 'object' && value !== null ? (value as TokenTable) : {};
  } catch {
    return {};
  }
}

const slot = (email: string) => email.trim().toLowerCase();

export const deviceTokens = {
  get(email: string): string | null {
    const token = read()[slot(email)];
    return typeof token === 'string' && TOKEN.test(token) ? token : null;
  },
  set(email: string, token: string): void {
    localStorage.setItem(DEVICE_TOKENS_KEY, JSON.stringify({ ...read(), [slot(email)]: token }));
  },
} as const;
