// Performance marks the viewer sets, read by the first-paint benchmark and the e2e tests.
export const VIEWER_MARK = {
  /** The agenda of a loaded meeting is in the DOM and about to be painted. */
  agendaPainted: 'ltm-viewer-agenda-painted',
} as const;
