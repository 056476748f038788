// Every page sends the strict CSP and companion headers; the site's cookies are HttpOnly, Secure,
// SameSite=Strict and host-only; forms refuse a POST without the CSRF token, with a wrong one,
// or from another origin.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CSRF_COOKIE } from '../../../../sync-server/web/website/csrf.ts';
import { Routes } from '../../../../wire/website-routes.ts';
import { countRows, openForm, postForm, startWebsiteRelay, type WebsiteRelay } from './website-relay.ts';

const PAGES = [Routes.landing, Routes.privacy, Routes.signUpDone, `${Routes.unsubscribe}?token=nope`, `${Routes.uninstalled}?v=1.0.0`, Routes.stats, Routes.download] as const;

const Security = suite<{ site: WebsiteRelay | null }>('website security', { site: null });

Security.before(async (ctx) => {
  ctx.site = await startWebsiteRelay();
});
Security.after(async (ctx) => {
  await ctx.site?.close();
});

function directives(csp: string): Map<string, string> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name ?? '', values.join(' ')]));
}

Security('every page sends a strict CSP and the security headers', async ({ site }) => {
  assert.ok(site);
  for (const path of PAGES) {
    const res = await fetch(new URL(path, site.url));
    await res.arrayBuffer();
    const csp = directives(res.headers.get('content-security-policy') ?? '');
    assert.is(csp.get('default-src'), "'self'", path);
    assert.is(csp.get('script-src'), "'self'", path);
    assert.is(csp.get('style-src'), "'self'", path);
    assert.is(csp.get('object-src'), "'none'", path);
    assert.is(csp.get('base-uri'), "'none'", path);
    assert.is(csp.get('frame-ancestors'), "'none'", path);
    assert.is(csp.get('form-action'), "'self'", path);
    for (const [, value] of csp) assert.not.match(value, /unsafe-inline|unsafe-eval|\*/, `${path}: ${value}`);
    assert.is(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.is(res.headers.get('x-frame-options'), 'DENY', path);
    assert.is(res.headers.get('referrer-policy'), 'same-origin', path);
  }
});

Security('pages carry no inline script, style attribute or event handler', async ({ site }) => {
  assert.ok(site);
  for (const path of [Routes.landing, Routes.privacy, Routes.stats]) {
    const text = await (await fetch(new URL(path, site.url))).text();
    assert.not.match(text, /<script/i, path);
    assert.not.match(text, /\sstyle=/i, path);
    assert.not.match(text, /\son[a-z]+=/i, path);
  }
});

Security('the CSRF cookie is HttpOnly, Secure, SameSite=Strict and host-only', async ({ site }) => {
  assert.ok(site);
  const res = await fetch(site.url);
  await res.text();
  const cookie = res.headers.get('set-cookie') ?? '';
  assert.match(cookie, new RegExp(`^${CSRF_COOKIE}=`));
  assert.ok(CSRF_COOKIE.startsWith('__Host-'));
  assert.match(cookie, /; HttpOnly/);
  assert.match(cookie, /; Secure/);
  assert.match(cookie, /; SameSite=Strict/);
  assert.match(cookie, /; Path=\//);
  assert.not.match(cookie, /Domain=/i);
});

Security('a sign-up without a token, with a wrong token, or from another origin is refused', async ({ site }) => {
  assert.ok(site);
  const form = await openForm(site.url);
  const email = 'csrf@example.com';
  const wrong = form.token.slice(0, -1) + (form.token.endsWith('A') ? 'B' : 'A');
  const attempts = [
    postForm(site.url, Routes.signUp, { email }, { cookie: form.cookie }),
    postForm(site.url, Routes.signUp, { email, csrf: form.token }, { cookie: null }),
    postForm(site.url, Routes.signUp, { email, csrf: wrong }, { cookie: form.cookie }),
    postForm(site.url, Routes.signUp, { email, csrf: form.token }, { cookie: form.cookie, origin: 'https://evil.example' }),
    postForm(site.url, Routes.signUp, { email, csrf: form.token }, { cookie: form.cookie, origin: null }),
    postForm(site.url, Routes.signUp, { email, csrf: form.token }, { cookie: form.cookie, origin: 'null' }),
    postForm(site.url, Routes.signUp, { email, csrf: form.token }, { cookie: form.cookie, headers: { 'sec-fetch-site': 'cross-site' } }),
  ];
  for (const [i, attempt] of (await Promise.all(attempts)).entries()) {
    assert.is(attempt.status, 403, `attempt ${i}`);
    assert.match(await attempt.text(), /Please try again/);
  }
  assert.is(countRows(site.db, 'signups'), 0);
  assert.equal(site.outbox(), []);

  const accepted = await postForm(site.url, Routes.signUp, { email, csrf: form.token }, { cookie: form.cookie });
  assert.is(accepted.status, 303);
  assert.is(countRows(site.db, 'signups'), 1);
});

Security('an unsubscribe POST without the token is refused and deletes nothing', async ({ site }) => {
  assert.ok(site);
  const mail = site.outbox().at(-1);
  assert.ok(mail);
  const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '';
  const before = countRows(site.db, 'signups');
  const res = await postForm(site.url, Routes.unsubscribe, { token }, { cookie: null });
  assert.is(res.status, 403);
  assert.is(countRows(site.db, 'signups'), before);
});

Security('unknown paths fall through to the relay 404, assets cannot escape their folder', async ({ site }) => {
  assert.ok(site);
  assert.is((await fetch(new URL('/no-such-page', site.url))).status, 404);
  for (const path of ['/assets/..%2Fwebsite.ts', '/assets/../website.ts', '/assets/site.ts', '/assets/.hidden.css']) {
    const res = await fetch(new URL(path, site.url));
    assert.is(res.status, 404, path);
    await res.arrayBuffer();
  }
  const css = await fetch(new URL('/assets/site.css', site.url));
  assert.is(css.status, 200);
  assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  await css.text();
});

Security.run();
