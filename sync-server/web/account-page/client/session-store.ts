// The bearer session lives in this tab's sessionStorage: it survives a reload, is gone when the
// tab closes, and is never sent by the browser on its own (unlike a cookie).
import { SESSION_STORAGE_KEY } from '../account-routes.ts';

const BEARER = /^[A-Za-z0-9_-]{1,256}$/;

export const sessionStore = {
  get(): string | null {
    const value = sessionStorage.getItem(SESSION_STORAGE_KEY);
    return value !== null && BEARER.test(value) ? value : null;
  },
  set(session: string): void {
    sessionStorage.setItem(SESSION_STORAGE_KEY, session);
  },
  clear(): void {
    sessionStorage.removeItem(SESSION_STORAGE_KEY);
  },
} as const;
