// Step2Answers: equal state vectors in one batch share one encode; different ones get their own
// diff against the doc as it is when asked.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { Step2Answers } from '../../../../sync-server/relay/rooms/step2-answers.ts';
import { encodeSyncStep2 } from '../../../../sync-server/relay/protocol/messages.ts';

const test = suite('Step2Answers');

test('equal state vectors share one answer; a different one gets its own diff', () => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hello');
  const answers = new Step2Answers(() => doc);
  const empty = Y.encodeStateVector(new Y.Doc());
  const first = answers.for(empty);
  assert.ok(answers.for(Uint8Array.from(empty)) === first, 'the same bytes, not a second encode');
  assert.equal(first, encodeSyncStep2(doc, empty));
  const current = Y.encodeStateVector(doc);
  assert.equal(answers.for(current), encodeSyncStep2(doc, current));
  assert.ok(answers.for(current) !== first);
});

test.run();
