// The device tokens the relay hands out at sign-up and sign-in, kept per relay and email so this
// browser proves at its next sign-in that it signed in before. The relay then counts that sign-in
// in this device's own bucket, so strangers guessing the password cannot lock this device out.
// A token is no credential by itself (the password is still needed), so it outlives sign-out.
import { readKey, updateKey } from '../platform/storage-area.ts';
import { normaliseRelayUrl } from './relay-api.ts';

const KEY = 'deviceTokens' as const;

type TokenTable = Readonly<Record<string, string>>;

function slot(relayUrl: string, email: string): string {
  return `${normaliseRelayUrl(relayUrl)} ${email.trim().toLowerCase()}`;
}

export async function deviceTokenFor(relayUrl: string, email: string): Promise<string | undefined> {
  return (await readKey<TokenTable>(KEY))?.[slot(relayUrl, email)];
}

export async function keepDeviceToken(relayUrl: string, email: string, token: string | undefined): Promise<void> {
  if (typeof token !== 'string') return;
  await updateKey<TokenTable>(KEY, (table) => ({ ...table, [slot(relayUrl, email)]: token }));
}
