// The sign-up over HTTP against a real relay: stored once (case does not duplicate), with the
// time of consent, mailed once to the outbox with working links; a sign-up whose browser asks for
// German is mailed in German; bad addresses get a clear message; sign-ups are limited per IP;
// unsubscribe shows first and deletes only on POST. The suite runs on SQLite and on a real
// PostgreSQL.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Routes } from '../../../../wire/website-routes.ts';
import { de } from '../../../../sync-server/web/website/messages/de.ts';
import { en } from '../../../../sync-server/web/website/messages/en.ts';
import { BACKENDS, postgresDatabases, type BackendKind } from '../web-backends.ts';
import { openForm, postForm } from './website-relay.ts';
import { startWebsiteSite, type WebsiteSite } from './website-site.ts';

const databases = postgresDatabases('sign_up');

async function submit(site: WebsiteSite, email: string, headers: Record<string, string> = {}): Promise<Response> {
  const form = await openForm(site.url);
  return postForm(site.url, Routes.signUp, { email, csrf: form.token }, { cookie: form.cookie, headers });
}

function signUpSuite(kind: BackendKind) {
  const SignUp = suite<{ site: WebsiteSite | null }>(`sign-up on ${kind}`, { site: null });

  SignUp.before(async (ctx) => {
    const storage = kind === 'sqlite' ? { kind } : { kind, url: await databases.createUrl() };
    ctx.site = await startWebsiteSite(storage, { signUpPerIp: { max: 12, windowMs: 60_000 } });
  });
  SignUp.after(async (ctx) => {
    await ctx.site?.close();
    if (kind === 'postgres') await databases.stop();
  });

  SignUp('a sign-up is stored with its consent time and mailed once with download and removal links', async ({ site }) => {
    assert.ok(site);
    const before = Date.now();
    const res = await submit(site, '  Ana.Lima@Example.COM ');
    assert.is(res.status, 303);
    assert.is(res.headers.get('location'), Routes.signUpDone);
    const rows = await site.query<{ email: string; consented_at: number }>('SELECT email, consented_at FROM signups');
    assert.is(rows.length, 1);
    assert.is(rows[0]?.email, 'ana.lima@example.com');
    assert.ok((rows[0]?.consented_at ?? 0) >= before && (rows[0]?.consented_at ?? 0) <= Date.now());

    const mails = site.outbox();
    assert.is(mails.length, 1);
    const mail = mails[0]!;
    assert.is(mail.to, 'ana.lima@example.com');
    assert.ok(mail.text.includes(new URL(Routes.download, site.url).href));
    const unsubscribe = /(http\S+\/unsubscribe\?token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    assert.ok(unsubscribe, 'the mail has a removal link');
    assert.is(mail.headers['List-Unsubscribe'], `<${unsubscribe}>`);
  });

  SignUp('the same address twice, in any case, is stored and mailed once, with the same answer', async ({ site }) => {
    assert.ok(site);
    for (const email of ['ana.lima@example.com', 'ANA.LIMA@example.com']) {
      const res = await submit(site, email);
      assert.is(res.status, 303);
      assert.is(res.headers.get('location'), Routes.signUpDone);
    }
    assert.is(await site.count('signups'), 1);
    assert.is(site.outbox().length, 1);
  });

  SignUp('a bad address is refused with a message next to the field and the typed text kept', async ({ site }) => {
    assert.ok(site);
    const cases = [
      ['', /enter your email/],
      ['ana.example.com', /needs a name, an @ and a domain/],
      ['ana@localhost', /domain needs a dot/],
      ['ana@exa mple.com', /not a valid domain/],
      ['<script>alert(1)</script>@example.com', /characters an address cannot have/],
    ] as const;
    for (const [email, message] of cases) {
      const res = await submit(site, email);
      assert.is(res.status, 400, email);
      const page = await res.text();
      assert.match(page, /id="email-error" class="error" role="alert"/);
      assert.match(page, message);
      assert.match(page, /aria-invalid="true"/);
      assert.not.match(page, /<script>alert/);
    }
    assert.is(await site.count('signups'), 1);
  });

  SignUp('the unsubscribe link shows a confirmation; only the POST removes the address', async ({ site }) => {
    assert.ok(site);
    const link = /(http\S+\/unsubscribe\?token=[A-Za-z0-9_-]+)/.exec(site.outbox()[0]!.text)![1]!;
    const shown = await fetch(link);
    assert.is(shown.status, 200);
    const page = await shown.text();
    assert.match(page, /ana\.lima@example\.com/);
    assert.match(page, /Remove my address/);
    assert.is(await site.count('signups'), 1, 'a GET removes nothing');

    const form = await openForm(link);
    const token = new URL(link).searchParams.get('token')!;
    const removed = await postForm(site.url, Routes.unsubscribe, { token, csrf: form.token }, { cookie: form.cookie });
    assert.is(removed.status, 200);
    assert.match(await removed.text(), /Your address is removed/);
    assert.is(await site.count('signups'), 0);

    const again = await fetch(link);
    assert.is(again.status, 404);
    assert.match(await again.text(), /Nothing to remove/);
  });

  SignUp('a sign-up from a browser asking for German is mailed in German, links and all', async ({ site }) => {
    assert.ok(site);
    const res = await submit(site, 'lena.fischer@example.de', { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' });
    assert.is(res.status, 303);
    const mail = site.outbox().find((m) => m.to === 'lena.fischer@example.de');
    assert.ok(mail, 'the mail is in the outbox file');
    assert.is(mail.subject, 'Ihr Download-Link für LeaveTheMeeting');
    assert.ok(mail.text.startsWith(`${de['mail.greeting']}\n`), mail.text);
    assert.ok(mail.text.includes('„Entpackte Erweiterung laden“'), 'the install steps, with German quotation marks');
    assert.ok(mail.text.includes('höchstens 7 Tage lang'), 'the retention, written in German');
    assert.ok(mail.text.includes(de['mail.remove']));
    assert.ok(mail.text.includes(new URL(Routes.download, site.url).href));
    const unsubscribe = /(http\S+\/unsubscribe\?token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    assert.is(mail.headers['List-Unsubscribe'], `<${unsubscribe}>`);
    const english = Object.entries(en).filter(([key, text]) => key.startsWith('mail.') && !text.includes('{') && mail.text.includes(text));
    assert.equal(english, [], 'no English sentence of the mail');
  });

  SignUp('sign-ups are limited per IP address', async ({ site }) => {
    assert.ok(site);
    // The limit counts every submit from the address, refused ones included (10 so far).
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await submit(site, `limit${i}@example.com`)).status);
    assert.ok(statuses.includes(429), `statuses: ${statuses.join(',')}`);
    const refused = await submit(site, 'late@example.com');
    assert.is(refused.status, 429);
    assert.match(await refused.text(), /Too many sign-ups from your network/);
    assert.equal(await site.query("SELECT count(*) AS n FROM signups WHERE email = 'late@example.com'"), [{ n: 0 }]);
  });

  return SignUp;
}

for (const kind of BACKENDS) signUpSuite(kind).run();
