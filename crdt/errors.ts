// Errors the operations throw for input no caller should pass; a missing target (removed on
// another replica meanwhile) is not an error: the operation returns false instead.
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
}

/**
 * An item id that is well formed but not on the agenda, where the operation needs a place on it
 * (starting there). Starting anyway would run a meeting with no current item.
 */
export class UnknownItemError extends InvalidInputError {
  override name = 'UnknownItemError';
}

export class NotAMeetingError extends Error {
  override name = 'NotAMeetingError';
}
