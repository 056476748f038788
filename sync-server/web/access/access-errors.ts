// Named errors of access control. An ApiError carries everything the HTTP boundary needs to
// answer `{error: {code, message, details?}}`; its message is written for the client, so it never
// holds a token, a session or a password, and its details say the same in a form clients word
// in their own language.
import type { RefusalDetails } from '../../../wire/refusal-details.ts';

export const ApiErrorCode = {
  badRequest: 'bad_request',
  invalidJson: 'invalid_json',
  bodyTooLarge: 'body_too_large',
  invalidEmail: 'invalid_email',
  invalidPassword: 'invalid_password',
  /** Long enough but easy to guess (common, a pattern, or built from the email or name). */
  weakPassword: 'weak_password',
  invalidName: 'invalid_name',
  invalidDocument: 'invalid_document',
  invalidRole: 'invalid_role',
  /** A share link's label longer than SHARE_LABEL_MAX_LENGTH, or not a string. */
  invalidLabel: 'invalid_label',
  emailTaken: 'email_taken',
  invalidCredentials: 'invalid_credentials',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  notFound: 'not_found',
  methodNotAllowed: 'method_not_allowed',
  rateLimited: 'rate_limited',
  meetingLimit: 'meeting_limit',
  /** The meeting was deleted for good (410): it can be neither opened nor claimed again. */
  meetingDeleted: 'meeting_deleted',
  noPassword: 'no_password',
  /** A sensitive request from a session older than ten minutes, without the password (403). */
  reauthenticate: 'reauthenticate',
  unknownProvider: 'unknown_provider',
  providerUnavailable: 'provider_unavailable',
  invalidRedirectUri: 'invalid_redirect_uri',
  invalidState: 'invalid_state',
  invalidGrant: 'invalid_grant',
  emailUnverified: 'email_unverified',
  accountExists: 'account_exists',
  identityTaken: 'identity_taken',
  lastSignIn: 'last_sign_in',
  internal: 'internal',
  storeUnavailable: 'store_unavailable',
} as const;

export type ApiErrorCodeValue = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

export interface ApiErrorExtras {
  readonly headers?: Readonly<Record<string, string>>;
  readonly details?: RefusalDetails;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly headers: Readonly<Record<string, string>>;
  readonly details: RefusalDetails | undefined;
  constructor(
    readonly status: number,
    readonly code: ApiErrorCodeValue,
    message: string,
    extras: ApiErrorExtras = {},
  ) {
    super(message);
    this.headers = extras.headers ?? {};
    this.details = extras.details;
  }
}

/** The server secret file exists but cannot be trusted; the relay must not start with it. */
export class SecretFileError extends Error {
  override readonly name = 'SecretFileError';
}

/** A stored password hash that this code cannot read (corrupt row or unknown scheme). */
export class PasswordHashFormatError extends Error {
  override readonly name = 'PasswordHashFormatError';
}
