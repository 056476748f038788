// Websocket close codes the relay sends. Part of the public contract (DESIGN.md, "The relay's
// interface"): clients, tests and docs rely on these exact numbers, so never renumber them.
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
  /** A message larger than the configured maximum. */
  tooLarge: 4413,
  /** Rate limited: message/byte rate, per-IP connection rate, or room full. */
  rateLimited: 4429,
  /** The client did not read fast enough; its send buffer passed the bound. */
  slowConsumer: 4408,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];
