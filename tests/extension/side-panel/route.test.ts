// Side panel routes round-trip through the URL hash; anything malformed is the library.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { newId, type MeetingId, type TemplateId } from '../../../crdt/index.ts';
import { parseRoute, routeHash, type Route } from '../../../extension/side-panel/state/route.ts';

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

test('every route survives routeHash then parseRoute', () => {
  const routes: Route[] = [
    { view: 'library' },
    { view: 'new' },
    { view: 'templates' },
    { view: 'template', id: null },
    { view: 'trash' },
    { view: 'template', id: newId<TemplateId>(random) },
    { view: 'meeting', id: newId<MeetingId>(random) },
  ];
  for (const route of routes) assert.equal(parseRoute(routeHash(route)), route);
});

test('malformed hashes fall back to the library', () => {
  for (const hash of ['', '#', '#/', '#/meeting/', '#/meeting/short', '#/meeting/../../x', '#/nonsense', '#/meeting/a%20b%20c%20d%20e%20f%20g%20h']) {
    assert.equal(parseRoute(hash), { view: 'library' }, hash);
  }
});

test.run();
