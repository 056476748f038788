// Plays the browser between the relay and the test provider, over real HTTP: follows redirects
// by hand, keeps the provider's cookies, and submits its dev login and consent forms. It stops
// at the provider's redirect to the relay's callback, so a test can send that URL as it is, or
// altered (a forged `iss`, another provider's callback), and look at the relay's answer.
import { pkceChallenge, randomSecret } from '../../../../wire/pkce.ts';

export class LoginDriveError extends Error {
  override readonly name = 'LoginDriveError';
}

const MAX_STEPS = 20;
const FORM = /<form[^>]*action="([^"]+)"[^>]*>[\s\S]*?name="prompt" value="(login|consent)"/;

export interface Pkce {
  readonly verifier: string;
  readonly challenge: string;
}

export async function newPkce(): Promise<Pkce> {
  const verifier = randomSecret();
  return { verifier, challenge: await pkceChallenge(verifier) };
}

export const newState = randomSecret;

/** GET without following redirects; the Location header, resolved, or null. */
export async function visit(url: string | URL, cookies = ''): Promise<{ status: number; location: URL | null; response: Response }> {
  const response = await fetch(url, { redirect: 'manual', headers: cookies ? { cookie: cookies } : {} });
  const location = response.headers.get('location');
  return { status: response.status, location: location === null ? null : new URL(location, url), response };
}

/** From the relay's start URL to the provider's redirect back to the relay (not followed). */
export async function loginAtProvider(startUrl: string, login: string, callbackPrefix: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  let next: { url: URL; form?: URLSearchParams } = { url: new URL(startUrl) };
  for (let step = 0; step < MAX_STEPS; step += 1) {
    if (next.url.href.startsWith(callbackPrefix)) return next.url;
    const response = await fetch(next.url, {
      method: next.form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: cookieHeader(), ...(next.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: next.form?.toString() ?? null,
    });
    keep(response);
    const location = response.headers.get('location');
    if (location !== null) {
      next = { url: new URL(location, next.url) };
      continue;
    }
    const page = await response.text();
    const form = FORM.exec(page);
    if (response.status !== 200 || form === null) throw new LoginDriveError(`unexpected ${response.status} at ${next.url.pathname}: ${page.slice(0, 200)}`);
    const [, action = '', prompt = ''] = form;
    const fields: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt };
    next = { url: new URL(action, next.url), form: new URLSearchParams(fields) };
  }
  throw new LoginDriveError('too many steps before the callback');
}
