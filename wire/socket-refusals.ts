// Why the relay refused or closed a socket: the close reasons both the relay and its clients (the
// viewer's problem page, the extension's status) read, so a reason is worded in one place.
/** Starts every refusal of a token whose share, session or account is gone. */
export const REVOKED_TOKEN_PREFIX = 'revoked token';

/** Close reasons; short because a websocket close reason is at most 123 bytes. */
export const SocketRefusal = {
  malformedDocName: 'malformed document name',
  missingToken: 'missing token',
  malformedToken: 'malformed token',
  forgedToken: 'forged token',
  expiredToken: 'expired token',
  shareRevoked: `${REVOKED_TOKEN_PREFIX}: the share link was revoked`,
  sessionRevoked: `${REVOKED_TOKEN_PREFIX}: the session was signed out`,
  accountDeleted: `${REVOKED_TOKEN_PREFIX}: the account was deleted`,
  /** The meeting's owner deleted it for good: no token opens it again, not even the owner's. */
  meetingDeleted: `${REVOKED_TOKEN_PREFIX}: the meeting was deleted`,
  wrongDocument: 'token is for another document',
  /** A write that would add content to a document at the relay's size cap (4409). */
  documentFull: 'document is at the relay size limit',
  /** An open socket whose grant was revoked after it opened. */
  accessRevoked: 'access revoked',
} as const;

export type SocketRefusalReason = (typeof SocketRefusal)[keyof typeof SocketRefusal];
