// Sign-up, sign-in (with a password or an OpenID provider) and sign-out against the relay, and
// the account's display name. At sign-in the local library is merged into the account's library
// with a Yjs update (a merge, so nothing made offline is lost) before the account becomes
// current, so the UI never shows the account library without the local meetings. The display name is the relay's: every grant carries it, and a
// change is made there first, so all of a person's devices show the same name.
import * as Y from 'yjs';
import { libraryDocName } from '../../crdt/doc-names.ts';
import type { SpaceId } from '../../crdt/ids.ts';
import { localSpaceId } from '../platform/device.ts';
import { getSettings, updateSettings, type Account } from '../platform/settings.ts';
import { deviceTokenFor, keepDeviceToken } from './device-tokens.ts';
import { openDoc } from './doc-connection.ts';
import { launchWebAuth, webAuthRedirectUrl } from '../platform/web-auth.ts';
import { signInWithProvider } from './provider-sign-in.ts';
import { createAccount, fetchCurrentAccount, normaliseRelayUrl, renameAccount, signIn, signOut, type SessionGrant } from './relay-api.ts';

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

async function mergeLocalLibraryInto(accountId: string): Promise<void> {
  const local = openDoc(libraryDocName(await localSpaceId()));
  const target = openDoc(libraryDocName(accountId as SpaceId));
  try {
    await Promise.all([local.whenLoaded, target.whenLoaded]);
    Y.applyUpdate(target.doc, Y.encodeStateAsUpdate(local.doc, Y.encodeStateVector(target.doc)));
  } finally {
    local.release();
    target.release();
  }
}

async function become(relayUrl: string, email: string, grant: SessionGrant): Promise<Account> {
  await keepDeviceToken(relayUrl, email, grant.deviceToken);
  await mergeLocalLibraryInto(grant.accountId);
  const account: Account = { accountId: grant.accountId, email, session: grant.session, name: grant.name };
  await updateSettings({ relayUrl: normaliseRelayUrl(relayUrl), account });
  return account;
}

export async function signUpAccount(relayUrl: string, input: Credentials & { name: string }): Promise<Account> {
  return become(relayUrl, input.email, await createAccount(relayUrl, input));
}

export async function signInAccount(relayUrl: string, input: Credentials): Promise<Account> {
  const deviceToken = await deviceTokenFor(relayUrl, input.email);
  const grant = await signIn(relayUrl, deviceToken === undefined ? input : { ...input, deviceToken });
  return become(relayUrl, input.email, grant);
}

/** Through an OpenID provider in chrome.identity's auth window; the relay names the email. */
export async function signInWithProviderAccount(relayUrl: string, provider: string): Promise<Account> {
  const grant = await signInWithProvider(relayUrl, provider, webAuthRedirectUrl(), launchWebAuth);
  const { email } = await fetchCurrentAccount(relayUrl, grant.session);
  return become(relayUrl, email, grant);
}

/** Changes the display name on the relay, then here; throws RelayError when the relay refuses. */
export async function changeDisplayName(name: string): Promise<void> {
  const { relayUrl, account } = await getSettings();
  if (!account) return;
  const renamed = await renameAccount(relayUrl, account.session, name);
  await keepName(account, renamed.name);
}

/** Picks up a name changed on another device or the account page; offline, the stored one stays. */
export async function refreshDisplayName(): Promise<void> {
  const { relayUrl, account } = await getSettings();
  if (!account) return;
  const current = await fetchCurrentAccount(relayUrl, account.session).catch(() => null);
  if (current !== null && current.name !== account.name) await keepName(account, current.name);
}

async function keepName(account: Account, name: string): Promise<void> {
  const { account: now } = await getSettings();
  // Signed out or into another account meanwhile: the answer is about an account no longer here.
  if (now?.accountId === account.accountId) await updateSettings({ account: { ...now, name } });
}

/** Signs out locally even when the relay cannot be reached; the session then expires there. */
export async function signOutAccount(): Promise<void> {
  const { relayUrl, account } = await getSettings();
  if (!account) return;
  await updateSettings({ account: null });
  await signOut(relayUrl, account.session).catch(() => undefined);
}
