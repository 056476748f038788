// With an SMTP URL configured, the sign-up's confirmation goes over SMTP (nodemailer, a real TCP
// session to a local receiver) and nothing is written to the outbox file; a German or Japanese
// sign-up's mail arrives intact, its subject as RFC 2047 encoded-words and its text as UTF-8 in a
// 7-bit transfer encoding; when the SMTP server is unreachable the sign-up is accepted and its
// mail stays queued for the sender to retry (mail-outbox.test.ts follows it to delivery).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Routes } from '../../../../wire/website-routes.ts';
import { websiteDefaults } from '../../../../sync-server/web/website/website-config.ts';
import { de } from '../../../../sync-server/web/website/messages/de.ts';
import { ja } from '../../../../sync-server/web/website/messages/ja.ts';
import { readMessage } from './received-message.ts';
import { startSmtpSink } from './smtp-sink.ts';
import { countRows, openForm, postForm, startWebsiteRelay, type WebsiteRelay } from './website-relay.ts';

/** SMTP needs a public URL (links in mail); the browser's Origin is then that URL. */
const PUBLIC_URL = 'https://ltm.example';

async function submit(site: WebsiteRelay, email: string, acceptLanguage = 'en'): Promise<Response> {
  const form = await openForm(site.url);
  return postForm(site.url, Routes.signUp, { email, csrf: form.token }, { cookie: form.cookie, origin: PUBLIC_URL, headers: { 'accept-language': acceptLanguage } });
}

test('the confirmation is sent over SMTP with the links and the List-Unsubscribe header', async () => {
  const sink = await startSmtpSink();
  const site = await startWebsiteRelay({ smtpUrl: sink.url, mailFrom: 'LTM <hello@ltm.example>', publicUrl: PUBLIC_URL });
  try {
    const res = await submit(site, 'Cleo@Example.net');
    assert.is(res.status, 303);
    assert.is(sink.messages.length, 1);
    const message = sink.messages[0]!;
    const read = readMessage(message.data);
    assert.is(message.from, 'hello@ltm.example');
    assert.equal(message.to, ['cleo@example.net']);
    assert.is(read.headers.get('subject'), 'Your LeaveTheMeeting download link');
    assert.match(read.headers.get('list-unsubscribe') ?? '', /^<https:\/\/ltm\.example\/unsubscribe\?token=[A-Za-z0-9_-]+>$/);
    assert.match(read.text, /\/download\/leavethemeeting\.zip/);
    const header = /^<([^>]+)>$/.exec(read.headers.get('list-unsubscribe') ?? '')?.[1];
    assert.ok(header && read.text.includes(`  ${header}`), 'the body carries the same removal link');
    assert.not.ok(existsSync(join(site.dataDir, websiteDefaults.outboxFileName)), 'no outbox when SMTP is configured');
  } finally {
    await site.close();
    await sink.close();
  }
});

test('a German and a Japanese sign-up are mailed in their language, intact, in 7-bit MIME', async () => {
  const sink = await startSmtpSink();
  const site = await startWebsiteRelay({ smtpUrl: sink.url, publicUrl: PUBLIC_URL });
  try {
    assert.is((await submit(site, 'lena@example.de', 'de-DE,de;q=0.9')).status, 303);
    assert.is((await submit(site, 'hana@example.jp', 'ja,en-US;q=0.8')).status, 303);
    assert.equal(sink.messages.map((m) => m.to.join()), ['lena@example.de', 'hana@example.jp']);
    const [german, japanese] = sink.messages.map((m) => ({ data: m.data, read: readMessage(m.data) }));
    for (const { data, read } of [german!, japanese!]) {
      assert.ok(/^[\x00-\x7f]*$/.test(data), 'nothing but ASCII on the wire');
      assert.match(read.headers.get('subject') ?? '', /^=\?UTF-8\?[QB]\?/i, 'the subject is RFC 2047 encoded-words');
      assert.match(read.headers.get('content-type') ?? '', /^text\/plain; charset=utf-8$/i);
      assert.match(read.headers.get('content-transfer-encoding') ?? '', /^(quoted-printable|base64)$/);
      const link = /^<([^>]+)>$/.exec(read.headers.get('list-unsubscribe') ?? '')?.[1];
      assert.ok(link && read.text.includes(`  ${link}`), 'the removal link survives the encoding');
    }
    assert.is(german!.read.decoded('subject'), de['mail.subject']);
    assert.ok(german!.read.text.includes('höchstens 7 Tage lang'), german!.read.text);
    assert.ok(german!.read.text.includes('„Entpackte Erweiterung laden“'));
    assert.is(japanese!.read.decoded('subject'), ja['mail.subject']);
    assert.ok(japanese!.read.text.startsWith(`${ja['mail.greeting']}\n`), japanese!.read.text);
    assert.ok(japanese!.read.text.includes('最長 7 日後に削除します'), 'the retention, written in Japanese');
    assert.ok(japanese!.read.text.includes(ja['mail.remove']));
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
