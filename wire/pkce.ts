// PKCE (RFC 7636) as the relay's clients do it: a random verifier that never leaves the client,
// and its S256 challenge, sent to the start route. Web Crypto only, so the extension, the account
// page and Node share it.
const SECRET_BYTES = 32;

export function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** 256 random bits as base64url (43 characters): a verifier or a state. */
export function randomSecret(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
}

export async function pkceChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}
