// Checks a real HTTP response against the relay's OpenAPI document: the route and method must be
// described, the status must be one of its responses, and a JSON body must match the schema
// (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it). The API client of the access harness calls
// it for every response, so every API test checks the document as a side effect.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { openApiDocument } from '../../../sync-server/web/openapi/openapi-document.ts';

export class ResponseContractError extends Error {
  override readonly name = 'ResponseContractError';
}

type Json = Record<string, any>;
const DOCUMENT_ID = 'openapi.json';
const doc = openApiDocument as unknown as Json;

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(doc, DOCUMENT_ID);

const templates = Object.keys(doc.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
}));

/** The described path a request path falls under; a literal path wins over a template. */
export function describedPath(path: string): string | null {
  if (doc.paths[path] !== undefined) return path;
  return templates.find(({ pattern }) => pattern.test(path))?.template ?? null;
}

const pointer = (...parts: string[]) => `${DOCUMENT_ID}#/${parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

export function checkResponse(method: string, url: string, status: number, contentType: string | null, body: unknown): void {
  const path = new URL(url, 'http://relay').pathname;
  const where = `${method} ${path} -> ${status}`;
  const template = describedPath(path);
  const operation = template === null ? undefined : doc.paths[template][method.toLowerCase()];
  if (operation === undefined) {
    // Undescribed routes and methods may only be refused, with the API's Error body.
    const refusal = (status === 404 && template === null && path.startsWith('/api/')) || (status === 405 && template !== null);
    if (!refusal) throw new ResponseContractError(`${where}: the OpenAPI document does not describe this route`);
    return validate(where, ajv.getSchema(pointer('components', 'schemas', 'Error')), body);
  }
  const response = operation.responses[String(status)];
  if (response === undefined) throw new ResponseContractError(`${where}: status not in the OpenAPI document (${Object.keys(operation.responses).join(', ')})`);
  const type = (contentType ?? '').split(';')[0]!.trim();
  if (response.content === undefined) {
    if (body !== null && body !== undefined && body !== '') throw new ResponseContractError(`${where}: a body where the document describes none`);
    return;
  }
  if (response.content[type] === undefined) throw new ResponseContractError(`${where}: content type ${type} not described`);
  if (type === 'application/json') {
    validate(where, ajv.getSchema(pointer('paths', template!, method.toLowerCase(), 'responses', String(status), 'content', type, 'schema')), body);
  }
}

function validate(where: string, check: ReturnType<Ajv2020['getSchema']>, body: unknown): void {
  if (check === undefined) throw new ResponseContractError(`${where}: no schema`);
  if (!check(body)) throw new ResponseContractError(`${where}: body does not match the OpenAPI document: ${ajv.errorsText(check.errors)} in ${JSON.stringify(body)}`);
}
