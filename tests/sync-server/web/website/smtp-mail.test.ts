// With an SMTP URL configured, the sign-up's confirmation goes over SMTP (nodemailer, a real TCP
// session to a local receiver) and nothing is written to the outbox file; when the SMTP server
// is unreachable the sign-up is accepted and its mail stays queued for the sender to retry
// (mail-outbox.test.ts follows it to delivery).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Routes } from '../../../../wire/website-routes.ts';
import { websiteDefaults } from '../../../../sync-server/web/website/website-config.ts';
import { startSmtpSink } from './smtp-sink.ts';
import { countRows, openForm, postForm, startWebsiteRelay, type WebsiteRelay } from './website-relay.ts';

/** SMTP needs a public URL (links in mail); the browser's Origin is then that URL. */
const PUBLIC_URL = 'https://ltm.example';

async function submit(site: WebsiteRelay, email: string): Promise<Response> {
  const form = await openForm(site.url);
  return postForm(site.url, Routes.signUp, { email, csrf: form.token }, { cookie: form.cookie, origin: PUBLIC_URL });
}

test('the confirmation is sent over SMTP with the links and the List-Unsubscribe header', async () => {
  const sink = await startSmtpSink();
  const site = await startWebsiteRelay({ smtpUrl: sink.url, mailFrom: 'LTM <hello@ltm.example>', publicUrl: PUBLIC_URL });
  try {
    const res = await submit(site, 'Cleo@Example.net');
    assert.is(res.status, 303);
    assert.is(sink.messages.length, 1);
    const message = sink.messages[0]!;
    // Undo header folding and quoted-printable soft breaks to read the message as sent.
    const split = message.data.indexOf('\r\n\r\n');
    const head = message.data.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
    const data = head + message.data.slice(split).replace(/=\r\n/g, '').replace(/=3D/g, '=');
    assert.is(message.from, 'hello@ltm.example');
    assert.equal(message.to, ['cleo@example.net']);
    assert.match(data, /Subject: Your LeaveTheMeeting download link/);
    assert.match(data, /List-Unsubscribe: <https:\/\/ltm\.example\/unsubscribe\?token=[A-Za-z0-9_-]+>/);
    assert.match(data, /\/download\/leavethemeeting\.zip/);
    const header = /List-Unsubscribe: <([^>]+)>/.exec(data)?.[1];
    assert.ok(header && data.includes(`  ${header}`), 'the body carries the same removal link');
    assert.not.ok(existsSync(join(site.dataDir, websiteDefaults.outboxFileName)), 'no outbox when SMTP is configured');
  } finally {
    await site.close();
    await sink.close();
  }
});

test('an unreachable SMTP server leaves the mail queued with its failed attempt counted', async () => {
  const sink = await startSmtpSink();
  const url = sink.url;
  await sink.close();
  const site = await startWebsiteRelay({ smtpUrl: `${url}/?connectionTimeout=2000`, publicUrl: PUBLIC_URL });
  try {
    const res = await submit(site, 'dana@example.net');
    assert.is(res.status, 303);
    assert.is(countRows(site.db, 'signups'), 1);
    assert.equal(site.db.prepare('SELECT email, attempts FROM mail_outbox').all(), [{ email: 'dana@example.net', attempts: 1 }]);
  } finally {
    await site.close();
  }
});

test.run();
