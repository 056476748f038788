// t() outside Chrome: bundled fallback messages with Chrome's placeholder rules, and a missing
// key shows itself instead of a blank.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { format, setFallbackMessages, t } from '../../../extension/platform/i18n.ts';

const test = suite('i18n');

test('positional $1..$9, $$ and named placeholders', () => {
  assert.is(format({ message: '$1 of $2' }, ['3', '7']), '3 of 7');
  assert.is(format({ message: 'costs $$5' }, []), 'costs $5');
  assert.is(format({ message: 'Hi $NAME$!', placeholders: { name: { content: '$1' } } }, ['Ada']), 'Hi Ada!');
  assert.is(format({ message: '$2 missing' }, ['only one']), ' missing');
});

test('substituted text is not substituted again', () => {
  assert.is(format({ message: 'Item: $1' }, ['$2 and $1']), 'Item: $2 and $1');
});

test('fallback table answers outside the extension; unknown keys show the key', () => {
  setFallbackMessages({ testGreeting: { message: 'Hello, $1' } });
  assert.is(t('testGreeting', 'Grace'), 'Hello, Grace');
  assert.is(t('testNumbers', 3), 'testNumbers');
});

test.run();
