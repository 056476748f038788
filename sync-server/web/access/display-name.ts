// The account's display name: the only thing that names a person to collaborators and viewers
// (presence, cursors), so nothing derived from the email is ever shown instead. Every way in
// (sign-up, a name change, an OpenID profile) goes through displayName, and every session grant
// carries the stored name, so all clients show the same words.
import type { AccessConfig } from './access-config.ts';
import { ApiError, ApiErrorCode } from './access-errors.ts';

// Control characters and line or paragraph separators would break a one-line label, or a
// Markdown row or log line it is copied into.
const FORBIDDEN = /[\p{Cc}\p{Zl}\p{Zp}]/u;

/** The trimmed, NFC-normalised name; '' only when `required` is false and nothing was given. */
export function displayName(raw: unknown, config: Pick<AccessConfig, 'nameMaxLength'>, required: boolean): string {
  if (raw === undefined && !required) return '';
  const name = typeof raw === 'string' ? raw.normalize('NFC').trim() : null;
  const length = name === null ? 0 : [...name].length;
  if (name === null || length > config.nameMaxLength || FORBIDDEN.test(name) || (required && length === 0)) {
    const [min, max] = [required ? 1 : 0, config.nameMaxLength];
    throw new ApiError(400, ApiErrorCode.invalidName, `The name must be ${min} to ${max} characters on one line.`, { details: { min, max } });
  }
  return name;
}

/** A name from an OpenID provider's profile, fitted to these rules instead of refused: what
 *  breaks a line becomes a space, and the name is cut to nameMaxLength characters. */
export function fitDisplayName(raw: string, config: Pick<AccessConfig, 'nameMaxLength'>): string {
  const oneLine = raw.normalize('NFC').replace(new RegExp(FORBIDDEN.source, 'gu'), ' ').trim();
  return displayName([...oneLine].slice(0, config.nameMaxLength).join('').trim(), config, false);
}
