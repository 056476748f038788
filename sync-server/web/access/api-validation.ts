// Checks and normalisation of the values clients send. Each failure is an ApiError with a
// message a person can act on; nothing here echoes a password back.
import { SHARE_LABEL_MAX_LENGTH } from '../../../wire/share-label.ts';
import type { AccessConfig } from './access-config.ts';
import { ApiError, ApiErrorCode } from './access-errors.ts';
import type { ShareRole } from './access-records.ts';
import { weakPassword } from './password-strength.ts';

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

/** personalWords: the email, name and the like, which a password must not be built from. */
export async function checkNewPassword(password: string, config: AccessConfig, personalWords: readonly string[]): Promise<string> {
  const length = [...password].length;
  const [min, max] = [config.passwordMinLength, config.passwordMaxLength];
  if (length < min || length > max) {
    throw new ApiError(400, ApiErrorCode.invalidPassword, `The password must be ${min} to ${max} characters long.`, { details: { min, max } });
  }
  const weak = await weakPassword(password, personalWords, config.passwordMinScore);
  if (weak !== null) throw new ApiError(400, ApiErrorCode.weakPassword, weak.message, { details: { advice: weak.advice } });
  return password;
}

/** The parts of an email a person might build a password from: the whole, the local part, its words. */
export function emailWords(email: string): string[] {
  const local = email.split('@')[0] ?? '';
  return [email, local, ...local.split(/[^a-z0-9]+/i).filter((word) => word.length >= 3)];
}

export function requireShareRole(raw: unknown): ShareRole {
  if (!SHARE_ROLES.includes(raw as ShareRole)) {
    throw new ApiError(400, ApiErrorCode.invalidRole, 'The role must be "view" or "edit".');
  }
  return raw as ShareRole;
}

/** The optional label of a new share link, trimmed; null when absent or blank. */
export function optionalShareLabel(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') throw new ApiError(400, ApiErrorCode.invalidLabel, 'The label must be a string.');
  const label = raw.trim();
  if ([...label].length > SHARE_LABEL_MAX_LENGTH) {
    throw new ApiError(400, ApiErrorCode.invalidLabel, `The label must be at most ${SHARE_LABEL_MAX_LENGTH} characters long.`);
  }
  return label === '' ? null : label;
}
