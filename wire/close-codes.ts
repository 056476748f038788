// Websocket close codes the relay sends. Part of the public contract (DESIGN.md, "The relay's
// interface"): clients, tests and docs rely on these exact numbers, so never renumber them.
// Like HTTP, 44xx are final refusals (retrying cannot help) and 45xx are transient (the relay is
// busy; retry later): y-websocket's default shouldReconnect gives up on 4400-4499 for good and
// retries everything else with backoff, so a stock client recovers from every 45xx by itself.
export const CloseCode = {
  /** Normal shutdown (relay stopping, room unloaded). Clients should reconnect. */
  normal: 1000,
  /** Relay is going away (graceful shutdown). */
  goingAway: 1001,
  /** A frame that could not be decoded, or an update that Yjs rejected. */
  malformedData: 1007,
  /** The relay failed internally (e.g. a room could not be loaded). */
  internalError: 1011,
  /** Bad request: unknown path, malformed document name, missing parameter. */
  badRequest: 4400,
  /** Unauthenticated: missing, forged, expired or revoked token, or the auth deadline passed. */
  unauthenticated: 4401,
  /** Forbidden: the token is valid but does not allow this (wrong document, viewer writing). */
  forbidden: 4403,
  /**
   * The document's stored size reached the relay's cap (`maxDocumentBytes`, 16 MiB by default),
   * and the write would add content (an eighth above the cap, any new struct). Deletions always
   * pass, and the document can still be read.
   * Numbered after HTTP 409 (the request conflicts with the resource's state); final, because the
   * same write would be refused again until the document shrinks.
   */
  documentFull: 4409,
  /** A message larger than the configured maximum. */
  tooLarge: 4413,
  /**
   * One awareness (presence) state larger than the relay's per-state cap (16 KiB by default;
   * `maxAwarenessStateBytes`). Presence is a name, a colour and a cursor: a state that big is a
   * bug or abuse, and sending it again would be refused again, so this is final. Numbered after
   * HTTP 431 (header fields too large): presence is the metadata that travels with a document.
   */
  awarenessTooLarge: 4431,
  /** Transient: the room is at its connection limit, or its inbound queue is busy. */
  roomFull: 4503,
  /** Transient: the client did not read fast enough; its send buffer passed the bound. */
  slowConsumer: 4508,
  /** Transient: the connection went over its message or byte rate. */
  rateLimited: 4529,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];

/** A final refusal (44xx): retrying cannot help, so clients stop (4401 may be cured by a new token). */
export function isFinalClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}
