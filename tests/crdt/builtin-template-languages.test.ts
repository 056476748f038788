// The built-in templates in every language the extension speaks: each language has words for
// every template and every item (parity), a locale picks its language, and a meeting made from
// a translated built-in keeps the translated titles.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { BUILTIN_TEMPLATES, createMeetingFromTemplate, meetingView, newId, type MeetingId, type TemplateView } from '../../crdt/index.ts';
import { BUILTIN_TEMPLATE_SHAPES, type BuiltinTemplateKey } from '../../crdt/builtin-templates.ts';
import { TEMPLATE_LANGUAGES, templatesInLanguage } from '../../crdt/builtin-template-languages.ts';
import { seededRandom, T0 } from './helpers.ts';

const random = seededRandom(7);
const LOCALES_DIR = join(import.meta.dirname, '..', '..', 'extension', '_locales');
const keys = Object.keys(BUILTIN_TEMPLATE_SHAPES) as BuiltinTemplateKey[];

test('the template languages are exactly the languages the extension ships', () => {
  assert.equal(Object.keys(TEMPLATE_LANGUAGES).sort(), readdirSync(LOCALES_DIR).sort());
});

test('every template has every language: a name, a description and each item titled and prompted', () => {
  const problems: string[] = [];
  for (const [language, texts] of Object.entries(TEMPLATE_LANGUAGES)) {
    assert.equal(Object.keys(texts).sort(), [...keys].sort(), `${language}: templates`);
    for (const key of keys) {
      const t = texts[key];
      if (!t.name.trim()) problems.push(`${language} ${key}: no name`);
      if (!t.description.trim()) problems.push(`${language} ${key}: no description`);
      if (t.items.length !== BUILTIN_TEMPLATE_SHAPES[key].length) problems.push(`${language} ${key}: ${t.items.length} items, not ${BUILTIN_TEMPLATE_SHAPES[key].length}`);
      t.items.forEach(([title, prompt], i) => {
        if (!title.trim() || !prompt.trim()) problems.push(`${language} ${key} item ${i + 1}: empty`);
      });
    }
  }
  assert.equal(problems, []);
});

test('a translation is a translation: its descriptions are not the English ones', () => {
  const en = TEMPLATE_LANGUAGES.en!;
  for (const [language, texts] of Object.entries(TEMPLATE_LANGUAGES)) {
    if (language === 'en') continue;
    const copied = keys.filter((k) => texts[k].description === en[k].description);
    assert.equal(copied, [], `${language} copies English`);
  }
});

const names = (list: readonly TemplateView[]) => list.filter((t) => t.builtIn).map((t) => t.name);

test('a locale picks its language by its language part; others read English', () => {
  assert.equal(names(templatesInLanguage(BUILTIN_TEMPLATES, 'de'))[0], 'Daily Stand-up');
  assert.equal(names(templatesInLanguage(BUILTIN_TEMPLATES, 'de-AT')), names(templatesInLanguage(BUILTIN_TEMPLATES, 'de')));
  assert.equal(names(templatesInLanguage(BUILTIN_TEMPLATES, 'ja'))[0], 'デイリースタンドアップ');
  assert.equal(names(templatesInLanguage(BUILTIN_TEMPLATES, 'pt-BR')), names(BUILTIN_TEMPLATES));
  assert.equal(names(templatesInLanguage(BUILTIN_TEMPLATES, 'en')), names(BUILTIN_TEMPLATES));
});

test('translations keep each template id, time boxes and order; own templates stay as written', () => {
  const own = { ...BUILTIN_TEMPLATES[0]!, id: 'own' as TemplateView['id'], name: 'Ours', builtIn: false };
  for (const language of Object.keys(TEMPLATE_LANGUAGES)) {
    const list = templatesInLanguage([...BUILTIN_TEMPLATES, own], language);
    assert.equal(list.map((t) => t.id), [...BUILTIN_TEMPLATES.map((t) => t.id), 'own']);
    assert.equal(list.map((t) => t.items.map((i) => i.plannedSec)), [...BUILTIN_TEMPLATES, own].map((t) => t.items.map((i) => i.plannedSec)));
    assert.is(list.at(-1), own);
  }
});

test('a meeting made from a German built-in has the German titles and prompts', () => {
  const german = templatesInLanguage(BUILTIN_TEMPLATES, 'de').find((t) => t.id === 'builtin-retrospective')!;
  const doc = new Y.Doc();
  createMeetingFromTemplate(doc, german, { id: newId<MeetingId>(random), random, now: T0 });
  const v = meetingView(doc, T0);
  assert.is(v.title, 'Retrospektive');
  assert.equal(v.items.map((i) => i.title), ['Einstieg', 'Was gut lief', 'Was nicht gut lief', 'Ideen zur Verbesserung', 'Maßnahmen', 'Abschluss']);
  assert.is(v.items[1]!.prompt, 'Beibehalten.');
});

test.run();
