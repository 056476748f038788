// The linking rules, in one place. A known identity signs in to its account. A new identity
// makes a new account only with a verified email that no account has: an existing account with
// that email is never joined silently (its owner signs in with the password, then links). An
// identity belongs to one account; linking it elsewhere is refused.
import { OidcCallbackError, type OidcCallbackErrorValue } from '../../../wire/oidc-sign-in.ts';
import { ApiError, ApiErrorCode } from '../access/access-errors.ts';
import { randomId, type AccountId } from '../access/access-ids.ts';
import { NO_PASSWORD } from '../access/password-hash.ts';
import type { OidcContext } from './oidc-context.ts';
import type { IdentityRow } from './oidc-records.ts';
import type { ProviderIdentity } from './provider-identity.ts';

export type SignInOutcome =
  | { readonly ok: true; readonly account: AccountId }
  | { readonly ok: false; readonly error: OidcCallbackErrorValue };

function identityRow(identity: ProviderIdentity, account: AccountId, now: number): IdentityRow {
  const { issuer, subject, email, name } = identity;
  return { identity_id: randomId(), issuer, subject, account_id: account, email, name, linked_at: now };
}

export async function accountForSignIn(ctx: OidcContext, identity: ProviderIdentity, now: number): Promise<SignInOutcome> {
  const known = await ctx.records.identityOf(identity.issuer, identity.subject);
  if (known !== null) {
    await ctx.records.refreshIdentity(known.identity_id, identity.email, identity.name);
    return { ok: true, account: known.account_id };
  }
  if (identity.email === null) return { ok: false, error: OidcCallbackError.emailUnverified };
  const account = randomId<AccountId>();
  const row = { account_id: account, email: identity.email, name: identity.name, password_hash: NO_PASSWORD, created_at: now };
  if (!(await ctx.records.createAccountWith(row, identityRow(identity, account, now)))) {
    return { ok: false, error: OidcCallbackError.accountExists };
  }
  ctx.access.logger.info({ accountId: account }, 'account created by an OpenID sign-in');
  return { ok: true, account };
}

/** Links the identity to the signed-in account; true when it is new, false when it was already there. */
export async function linkToAccount(ctx: OidcContext, identity: ProviderIdentity, account: AccountId, now: number): Promise<boolean> {
  const known = await ctx.records.identityOf(identity.issuer, identity.subject);
  if (known === null && (await ctx.records.linkIdentity(identityRow(identity, account, now)))) {
    ctx.access.logger.info({ accountId: account }, 'OpenID identity linked');
    return true;
  }
  if (known?.account_id === account) return false;
  throw new ApiError(409, ApiErrorCode.identityTaken, 'This sign-in is already connected to another account.');
}

export async function unlinkFromAccount(ctx: OidcContext, identityId: string, account: AccountId): Promise<void> {
  const result = await ctx.records.unlinkIdentity(identityId, account);
  if (result === 'unknown') throw new ApiError(404, ApiErrorCode.notFound, 'No such connected sign-in on this account.');
  if (result === 'last') {
    throw new ApiError(409, ApiErrorCode.lastSignIn, 'This is the only way to sign in to the account; connect another one first.');
  }
  ctx.access.logger.info({ accountId: account }, 'OpenID identity unlinked');
}
