// Performance marks the viewer sets, read by the first-paint benchmark and the e2e tests.
export const VIEWER_MARK = {
  /** The bundle started running. */
  scriptStart: 'ltm-viewer-script-start',
  /** The first websocket to the relay opened. */
  socketOpen: 'ltm-viewer-socket-open',
  /** The relay's copy of the meeting arrived (first sync). */
  synced: 'ltm-viewer-synced',
  /** The agenda of a loaded meeting is in the DOM and about to be painted. */
  agendaPainted: 'ltm-viewer-agenda-painted',
  /** A running meeting's records and notes, mounted after the first paint, are about to be painted. */
  recordsPainted: 'ltm-viewer-records-painted',
} as const;
