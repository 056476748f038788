// Errors the operations throw for input no caller should pass; a missing target (removed on
// another replica meanwhile) is not an error: the operation returns false instead.
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
}

export class NotAMeetingError extends Error {
  override name = 'NotAMeetingError';
}
