// Links in sign-up mail never come from request headers: a direct POST whose Host and Origin name
// another site (they agree, so the CSRF check passes) still gets links to this relay, and a relay
// that mails over SMTP refuses to start without its public URL.
import http from 'node:http';
import { pino } from 'pino';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '../../../../sync-server/config.ts';
import { databasePath, openDatabase } from '../../../../sync-server/relay/storage/sqlite-database.ts';
import { CSRF_COOKIE } from '../../../../sync-server/web/website/csrf.ts';
import { Routes } from '../../../../wire/website-routes.ts';
import { websiteDefaults } from '../../../../sync-server/web/website/website-config.ts';
import { createWebsite } from '../../../../sync-server/web/website/website.ts';
import { makeTempDir } from '../../helpers/relay-harness.ts';
import { startWebsiteRelay } from './website-relay.ts';

const test = suite('mail links');

/** A sign-up POST as a script would send it, Host header included (fetch cannot set Host). */
function forgedSignUp(siteUrl: string, host: string, email: string): Promise<number> {
  const csrf = 'A'.repeat(43);
  const body = new URLSearchParams({ email, csrf }).toString();
  const url = new URL(siteUrl);
  return new Promise((resolve, reject) => {
    const headers = {
      host,
      origin: `http://${host}`,
      cookie: `${CSRF_COOKIE}=${csrf}`,
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(body)),
    };
    const req = http.request({ host: url.hostname, port: url.port, path: Routes.signUp, method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('without a public URL, mail links use the relay address even when Host and Origin name another site', async () => {
  const site = await startWebsiteRelay();
  try {
    assert.is(await forgedSignUp(site.url, 'evil.example', 'victim@example.com'), 303);
    const mail = site.outbox().at(-1);
    assert.ok(mail, 'the sign-up was mailed');
    const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
    assert.ok(links.length >= 2, 'download and unsubscribe links');
    for (const link of links) assert.is(new URL(link).origin, new URL(site.url).origin, link);
    assert.not.match(JSON.stringify(mail), /evil\.example/);
  } finally {
    await site.close();
  }
});

test('with a public URL, mail links use it whatever the request says', async () => {
  const site = await startWebsiteRelay({ publicUrl: 'https://ltm.example' });
  try {
    // With a public URL the Origin must be that URL; the Host header is the attacker's.
    const csrf = 'B'.repeat(43);
    const res = await fetch(new URL(Routes.signUp, site.url), {
      method: 'POST',
      headers: { origin: 'https://ltm.example', cookie: `${CSRF_COOKIE}=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'erin@example.com', csrf }),
      redirect: 'manual',
    });
    assert.is(res.status, 303);
    const links = site.outbox().at(-1)?.text.match(/https?:\/\/\S+/g) ?? [];
    assert.ok(links.length >= 2);
    for (const link of links) assert.is(new URL(link).origin, 'https://ltm.example');
  } finally {
    await site.close();
  }
});

test('mail over SMTP without a public URL refuses to start with a ConfigError', () => {
  const dataDir = makeTempDir();
  const db = openDatabase(databasePath(dataDir), 'NORMAL');
  try {
    assert.throws(
      () => createWebsite({ db, dataDir, logger: pino({ level: 'silent' }), ownUrl: () => 'http://127.0.0.1:1', config: { ...websiteDefaults, smtpUrl: 'smtp://127.0.0.1:25' } }),
      (error: unknown) => error instanceof ConfigError && /LTM_PUBLIC_URL/.test(String(error)),
    );
  } finally {
    db.close();
  }
});

test.run();
