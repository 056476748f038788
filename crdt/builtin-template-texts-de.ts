// The built-in templates' words in German, item for item as in English.
import type { BuiltinTemplateTexts } from './builtin-templates.ts';

export const TEMPLATE_TEXTS_DE: BuiltinTemplateTexts = {
  'builtin-daily-standup': {
    name: 'Daily Stand-up',
    description: 'Fünfzehn Minuten: Fortschritt, Pläne, Hindernisse.',
    items: [
      ['Gestern', 'Was ist seit dem letzten Daily erledigt worden?'],
      ['Heute', 'Woran arbeitet jede Person heute?'],
      ['Hindernisse', 'Was steht im Weg, und wer kann helfen?'],
    ],
  },
  'builtin-weekly-team': {
    name: 'Wöchentliche Teambesprechung',
    description: 'Neuigkeiten, die kommende Woche und offene Fragen.',
    items: [
      ['Ankommen', 'Wie geht es allen?'],
      ['Aufgaben der letzten Woche', 'Welche Aufgaben sind erledigt, welche stocken?'],
      ['Neues aus dem Team', 'Ein Update pro Person oder Arbeitsbereich.'],
      ['Prioritäten der Woche', 'Was ist diese Woche am wichtigsten?'],
      ['Offene Fragen', 'Ist noch etwas ungeklärt?'],
      ['Abschluss', 'Beschlüsse und Zuständigkeiten zusammenfassen.'],
    ],
  },
  'builtin-one-on-one': {
    name: '1:1',
    description: 'Eine vertrauliche halbe Stunde zwischen einer Person und ihrer Führungskraft.',
    items: [
      ['Wie läuft es?', 'Stimmung, Energie, was die Person beschäftigt.'],
      ['Themen der Person', 'Worüber sie sprechen möchte.'],
      ['Feedback', 'In beide Richtungen.'],
      ['Entwicklung und Ziele', 'Fortschritt bei längerfristigen Zielen.'],
      ['Nächste Schritte', 'Was jede Seite bis zum nächsten 1:1 tut.'],
    ],
  },
  'builtin-retrospective': {
    name: 'Retrospektive',
    description: 'Auf eine Iteration zurückblicken und Verbesserungen vereinbaren.',
    items: [
      ['Einstieg', 'Ziel dieser Retro; eine kurze Runde zum Ankommen.'],
      ['Was gut lief', 'Beibehalten.'],
      ['Was nicht gut lief', 'Was gestört hat, ohne Schuldzuweisung.'],
      ['Ideen zur Verbesserung', 'Gruppieren, dann abstimmen.'],
      ['Maßnahmen', 'Höchstens drei konkrete Maßnahmen, jede mit einer zuständigen Person.'],
      ['Abschluss', 'Wie nützlich war diese Retro?'],
    ],
  },
  'builtin-sprint-planning': {
    name: 'Sprintplanung',
    description: 'Das Sprintziel vereinbaren und festlegen, was in den Sprint passt.',
    items: [
      ['Sprintziel', 'Ein Satz, auf den sich das Team festlegt.'],
      ['Kapazität', 'Wer ist da, und mit wie viel Zeit?'],
      ['Backlog durchgehen', 'Die wichtigsten Einträge: Fragen, Schätzungen, Abnahmekriterien.'],
      ['Zusage', 'Was in den Sprint kommt.'],
      ['Risiken und Abhängigkeiten', 'Was könnte uns aufhalten?'],
    ],
  },
  'builtin-brainstorm': {
    name: 'Brainstorming',
    description: 'Erst viele Ideen sammeln, dann bewerten.',
    items: [
      ['Problem umreißen', 'Die Frage, die wir beantworten, und die Rahmenbedingungen.'],
      ['Ideen für sich sammeln', 'Alle schreiben still ihre Ideen auf.'],
      ['Vorstellen und ordnen', 'Vorlesen, ähnliche Ideen gruppieren.'],
      ['Abstimmen', 'Die vielversprechendsten auswählen.'],
      ['Nächste Schritte', 'Wer verfolgt welche Idee weiter, bis wann.'],
    ],
  },
};
