// Checks and normalisation of the values clients send. Each failure is an ApiError with a
// message a person can act on; nothing here echoes a password back.
import type { AccessConfig } from './access-config.ts';
import { ApiError, ApiErrorCode } from './access-errors.ts';
import type { ShareRole } from './access-records.ts';

const MAX_EMAIL_LENGTH = 254;
// Deliberately loose: one @, no spaces, a dot in the domain. Deliverability is not our check.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SHARE_ROLES: readonly ShareRole[] = ['view', 'edit'];

export function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string') {
    throw new ApiError(400, ApiErrorCode.badRequest, `The field "${field}" is required and must be a string.`);
  }
  return value;
}

export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) {
    throw new ApiError(400, ApiErrorCode.invalidEmail, 'That does not look like an email address.');
  }
  return email;
}

export function checkNewPassword(password: string, config: AccessConfig): string {
  const length = [...password].length;
  if (length < config.passwordMinLength || length > config.passwordMaxLength) {
    throw new ApiError(
      400,
      ApiErrorCode.invalidPassword,
      `The password must be ${config.passwordMinLength} to ${config.passwordMaxLength} characters long.`,
    );
  }
  return password;
}

export function requireShareRole(raw: unknown): ShareRole {
  if (!SHARE_ROLES.includes(raw as ShareRole)) {
    throw new ApiError(400, ApiErrorCode.invalidRole, 'The role must be "view" or "edit".');
  }
  return raw as ShareRole;
}
