// Resolves once the page has painted its first frame, for work the first paint does without.
// A hidden page gets no animation frames and paints nothing, so it goes on at once. The backstop
// is a background-priority scheduler task, not a timer: it still runs when the page's timers
// and animation frames are held (a paused clock under test), just later.
const BACKSTOP_MS = 150 as const;

interface TaskScheduler {
  postTask(task: () => void, options: { priority: 'background'; delay: number }): Promise<void>;
}

export function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    const hidden = () => document.visibilityState === 'hidden';
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      document.removeEventListener('visibilitychange', onVisibility);
      resolve();
    };
    const onVisibility = () => hidden() && done();
    if (hidden()) return done();
    document.addEventListener('visibilitychange', onVisibility);
    // The second frame's callback runs once the first frame has been produced.
    requestAnimationFrame(() => requestAnimationFrame(done));
    const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
    void scheduler?.postTask(done, { priority: 'background', delay: BACKSTOP_MS });
  });
}
