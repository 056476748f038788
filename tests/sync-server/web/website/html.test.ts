// The html tag escapes every interpolated value, including inside attributes and arrays; only
// SafeHtml made by the tag itself passes unescaped.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeHtml, html } from '../../../../sync-server/web/website/html.ts';

test('text and attribute values are escaped', () => {
  const evil = `"><img src=x onerror=alert(1)>'\``;
  const out = html`<input value="${evil}"><p>${evil}</p>`.text;
  assert.not.match(out, /<img/);
  assert.is(out, `<input value="${escapeHtml(evil)}"><p>${escapeHtml(evil)}</p>`);
  assert.is(escapeHtml(`<&>"'\``), '&lt;&amp;&gt;&quot;&#39;&#96;');
});

test('nested templates and arrays compose without double escaping', () => {
  const items = ['a<b', 'c&d'];
  const out = html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`.text;
  assert.is(out, '<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
});

test('empty values render nothing, numbers render as text, a nested template passes through', () => {
  assert.is(html`${null}${undefined}${false}${0}${html`<br>`}`.text, '0<br>');
});

test('a plain object that only looks like SafeHtml is escaped', () => {
  const forged = { text: '<script>x</script>' } as unknown as string;
  assert.not.match(html`${forged}`.text, /<script>/);
});

test.run();
