// The confirmation mail in each of the five languages: the language's subject, no placeholder
// left unfilled, the download and removal links each alone on a line (so a mail client links
// them whole), the same removal link in List-Unsubscribe, and the retention written by Intl in
// that language.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SITE_LANGUAGES } from '../../../../sync-server/web/languages/site-languages.ts';
import { confirmationMail } from '../../../../sync-server/web/website/confirmation-mail.ts';
import { PAGE_CATALOGS, websiteWords } from '../../../../sync-server/web/website/messages/website-words.ts';

const HOURS_36 = 36 * 3_600_000;
const TOKEN = 'A'.repeat(43);

for (const lang of SITE_LANGUAGES) {
  test(`the mail in ${lang}`, () => {
    const w = websiteWords(lang);
    const mail = confirmationMail(w, { from: 'LTM <hello@ltm.example>', to: 'ana@example.com', baseUrl: 'https://ltm.example', unsubscribeToken: TOKEN, retentionMs: HOURS_36 });
    assert.is(mail.subject, PAGE_CATALOGS[lang]['mail.subject']);
    assert.is(mail.to, 'ana@example.com');
    assert.not.match(mail.text, /\{\w+\}/, 'every placeholder is filled');
    const lines = mail.text.split('\n');
    assert.ok(lines.includes('  https://ltm.example/download/leavethemeeting.zip'), mail.text);
    assert.ok(lines.includes(`  https://ltm.example/unsubscribe?token=${TOKEN}`), mail.text);
    assert.is(mail.headers['List-Unsubscribe'], `<https://ltm.example/unsubscribe?token=${TOKEN}>`);
    assert.ok(mail.text.includes(w.duration(HOURS_36)), `the retention as ${lang} writes it: ${w.duration(HOURS_36)}`);
    assert.ok(mail.text.includes(PAGE_CATALOGS[lang]['landing.loadUnpacked']));
  });
}

test('the durations differ by language, so the check above is not English five times', () => {
  // French writes a no-break space between number and unit.
  const shown = SITE_LANGUAGES.map((lang) => websiteWords(lang).duration(HOURS_36).replace(/\s/g, ' '));
  assert.equal(shown, ['36 hours', '36 Stunden', '36 heures', '36 horas', '36 時間']);
});

test.run();
