// The commit notification's payload: what a node formats is what another node parses, the row
// rides along exactly when the payload stays under PostgreSQL's limit, and foreign payloads on the
// channel are ignored rather than misread.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { formatNotification, MAX_NOTIFY_PAYLOAD_BYTES, parseNotification } from '../../../../sync-server/relay/storage/commit-notification.ts';

const docName = fc.tuple(fc.constantFrom('meeting', 'library'), fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/)).map(([kind, id]) => `${kind}/${id}`);
const seq = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

test('a payload parses back to its document, number and row, and stays under the limit', () => {
  fc.assert(
    fc.property(docName, seq, fc.option(fc.uint8Array({ maxLength: 7000 }), { nil: undefined }), (doc, n, row) => {
      const payload = formatNotification(doc, n, row);
      assert.ok(Buffer.byteLength(payload) < MAX_NOTIFY_PAYLOAD_BYTES);
      const parsed = parseNotification(payload);
      assert.ok(parsed);
      assert.is(parsed.doc, doc);
      assert.is(parsed.seq, n);
      if (parsed.update) assert.equal([...parsed.update], [...row!]);
      else assert.ok(row === undefined || payload.length + 4 * Math.ceil(row.byteLength / 3) >= MAX_NOTIFY_PAYLOAD_BYTES - 1);
    }),
  );
});

test('the row is carried up to the limit and not beyond it', () => {
  const doc = 'meeting/abcdefghijklmnop';
  const head = `12 ${doc} `.length;
  const fits = Math.floor(((MAX_NOTIFY_PAYLOAD_BYTES - 1 - head) / 4)) * 3;
  assert.ok(parseNotification(formatNotification(doc, 12, new Uint8Array(fits)))?.update, 'the largest row that fits is carried');
  assert.is(parseNotification(formatNotification(doc, 12, new Uint8Array(fits + 3)))?.update, undefined, 'one more base64 quantum is not');
});

test('payloads that are not commit notifications are ignored', () => {
  for (const payload of ['', 'x meeting/abcdefghijklmnop', '12', '1.5 meeting/abcdefghijklmnop', `${2 ** 60} meeting/abcdefghijklmnop`]) {
    assert.is(parseNotification(payload), null, payload);
  }
});

test.run();
