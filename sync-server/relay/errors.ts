// Named failures of the relay. Each carries the close code it ends a socket with, so the boundary
// (connection handling) can log once and close with the right code without string matching.
import { CloseCode, type CloseCodeValue } from '../../wire/close-codes.ts';

export abstract class RelayError extends Error {
  abstract readonly code: CloseCodeValue;
}

export class MalformedMessageError extends RelayError {
  override readonly name = 'MalformedMessageError';
  readonly code = CloseCode.malformedData;
}

/** The access gate did not decide within authDeadlineMs (its database is slow or away). */
export class AuthorizationTimeoutError extends RelayError {
  override readonly name = 'AuthorizationTimeoutError';
  readonly code = CloseCode.internalError;
}

export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError';
}
