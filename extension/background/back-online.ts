// Tells the service worker when the browser has its network back. Chrome fires no `online` event
// in a worker (issues.chromium.org/issues/40155587), but it does fire the Network Information
// API's `change` there when connectivity changes; both are listened to, and only a change from
// offline to online counts, so a change of connection quality alone calls nothing.
export function onBackOnline(cb: () => void): void {
  let online = navigator.onLine;
  const check = (): void => {
    if (navigator.onLine && !online) cb();
    online = navigator.onLine;
  };
  globalThis.addEventListener('online', check);
  (navigator as Navigator & { connection?: EventTarget }).connection?.addEventListener('change', check);
}
