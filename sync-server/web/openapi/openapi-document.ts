// The OpenAPI 3.1 description of every HTTP route the relay serves, served at /api/openapi.json.
// The API tests validate each response they receive against it, so it cannot quietly fall
// behind the code. A known path answers an undescribed method with 405 and the Error body; an
// unknown /api path with 404 and the Error body.
import { Routes } from '../../../wire/website-routes.ts';
import { ViewerRoutes } from '../../../wire/viewer-routes.ts';
import { ref, SCHEMAS } from './openapi-schemas.ts';

type Json = Readonly<Record<string, unknown>>;

const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'Done; no body',
  303: 'Redirect to the next page',
  400: 'Malformed request (field named in the message)',
  401: 'No valid session, or wrong credentials',
  403: 'Not allowed for this account or session',
  404: 'No such resource',
  302: 'Redirect; see Location',
  409: 'Conflict with existing data',
  410: 'Gone for good: the meeting was deleted (code meeting_deleted)',
  413: 'Body over the size limit',
  415: 'Unsupported content type',
  429: 'Rate limited; see Retry-After',
  500: 'The relay failed; logged on the server',
  502: 'The OpenID provider could not be reached or answered wrongly',
  503: 'Not available now (not built yet, or the store cannot commit)',
};

const described = (status: number, rest: Json = {}): Json => ({ description: REASONS[status] ?? String(status), ...rest });
const json = (status: number, schema: Json): Json => described(status, { content: { 'application/json': { schema } } });
const typed = (status: number, type: string, schema: Json = { type: 'string' }): Json => described(status, { content: { [type]: { schema } } });
const html = (status: number): Json => typed(status, 'text/html');
const errors = (...statuses: number[]): Record<number, Json> => Object.fromEntries(statuses.map((s) => [s, json(s, ref('Error'))]));

interface Operation {
  readonly summary: string;
  readonly tag: string;
  readonly responses: Record<number, Json>;
  readonly session?: boolean;
  readonly body?: Json;
  /** A body the call may go without. */
  readonly optionalBody?: Json;
  readonly parameters?: readonly Json[];
}

function op({ summary, tag, responses, session, body, optionalBody, parameters }: Operation): Json {
  return {
    summary,
    tags: [tag],
    ...(session ? { security: [{ session: [] }] } : {}),
    ...(parameters ? { parameters } : {}),
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
    ...(optionalBody ? { requestBody: { required: false, content: { 'application/json': { schema: optionalBody } } } } : {}),
    // Every route of access control reads a body (413 over the limit), may fail internally, and
    // answers 503 while its database cannot commit.
    responses: { ...responses, ...(tag === 'accounts' || tag === 'documents' ? errors(413, 500, 503) : {}) },
  };
}

const pathParam = (name: string, description: string): Json => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });
const query = (name: string, description: string, required = false): Json => ({ name, in: 'query', required, schema: { type: 'string' }, description });
// Any page answers an HTML 500 when the website fails (logged once on the server).
const form = (summary: string, ...statuses: number[]): Json =>
  op({ summary, tag: 'website', responses: Object.fromEntries([...statuses, 500].map((s) => [s, s === 303 ? described(s) : html(s)])) });

const SESSION_ERRORS = [401, 429] as const;

export const OPENAPI_PATH = '/api/openapi.json';

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'LeaveTheMeeting relay',
    version: '0.1.0',
    description:
      'HTTP routes of the relay. Errors of /api are JSON {error: {code, message, details?}}: the message is English; ' +
      "details (a length rule's limits, a weak password's advice keys) let clients word a refusal in their own language. " +
      'The document sync itself is the ' +
      'y-websocket protocol on ws /sync/<doc>?token=<token> (see sync-server/README.md for its close codes).',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  components: {
    schemas: SCHEMAS,
    securitySchemes: { session: { type: 'http', scheme: 'bearer', description: 'the session from sign-up or sign-in' } },
  },
  paths: {
    '/healthz': { get: op({ summary: 'Liveness: the process answers (never looks at the store)', tag: 'operations', responses: { 200: json(200, ref('Health')) } }) },
    '/readyz': {
      get: op({ summary: 'Readiness: 200 while the store can commit, 503 while it cannot', tag: 'operations', responses: { 200: json(200, ref('Ready')), ...errors(503) } }),
    },
    '/metrics': {
      get: op({
        summary: 'Prometheus metrics (text exposition format); with a metrics token configured, only for Authorization: Bearer <token>',
        tag: 'operations',
        responses: { 200: typed(200, 'text/plain'), ...errors(401) },
      }),
    },
    '/api/time': { get: op({ summary: "The relay's clock, for clock-offset estimates", tag: 'clock', responses: { 200: json(200, ref('Time')) } }) },
    [OPENAPI_PATH]: { get: op({ summary: 'This document', tag: 'operations', responses: { 200: json(200, ref('OpenApi')) } }) },
    '/api/accounts': {
      post: op({ summary: 'Create an account', tag: 'accounts', body: ref('NewAccount'), responses: { 201: json(201, ref('SessionStarted')), ...errors(400, 409, 429) } }),
    },
    '/api/accounts/current': {
      get: op({ summary: 'The signed-in account', tag: 'accounts', session: true, responses: { 200: json(200, ref('Account')), ...errors(...SESSION_ERRORS) } }),
      patch: op({ summary: 'Change the display name', tag: 'accounts', session: true, body: ref('NewName'), responses: { 200: json(200, ref('Renamed')), ...errors(400, ...SESSION_ERRORS) } }),
      delete: op({
        summary: 'Delete the account, its meetings, shares and sessions (a sign-in of the last ten minutes, or the current password in the body)',
        tag: 'accounts',
        session: true,
        optionalBody: ref('RecentProof'),
        responses: { 204: described(204), ...errors(403, ...SESSION_ERRORS) },
      }),
    },
    '/api/accounts/current/password': {
      post: op({
        summary: 'Change the password; ends every other session',
        tag: 'accounts',
        session: true,
        body: ref('PasswordChange'),
        responses: { 200: json(200, ref('PasswordChanged')), ...errors(400, 403, 409, ...SESSION_ERRORS) },
      }),
    },
    '/api/accounts/current/export': {
      get: op({ summary: "Everything the account holds, as a zip", tag: 'accounts', session: true, responses: { 200: typed(200, 'application/zip', { type: 'string', contentMediaType: 'application/zip' }), ...errors(...SESSION_ERRORS) } }),
    },
    '/api/meetings': {
      get: op({ summary: 'Meetings the account owns, with their titles', tag: 'documents', session: true, responses: { 200: json(200, ref('MeetingList')), ...errors(...SESSION_ERRORS) } }),
    },
    '/api/meetings/{meetingId}': {
      delete: op({
        summary: 'Delete an owned meeting for good: its share links, sockets (4401 on every node), stored updates and ownership go; it answers 410 from then on',
        tag: 'documents',
        session: true,
        parameters: [pathParam('meetingId', 'the meeting id')],
        responses: { 204: described(204), ...errors(400, 403, 404, 410, ...SESSION_ERRORS) },
      }),
    },
    '/api/sessions': {
      post: op({ summary: 'Sign in', tag: 'accounts', body: ref('Credentials'), responses: { 200: json(200, ref('SessionStarted')), ...errors(400, 401, 429) } }),
      get: op({ summary: "The account's live sessions", tag: 'accounts', session: true, responses: { 200: json(200, ref('SessionList')), ...errors(...SESSION_ERRORS) } }),
    },
    '/api/auth/providers': {
      get: op({ summary: 'The configured OpenID providers', tag: 'openid', responses: { 200: json(200, ref('ProviderList')) } }),
    },
    '/api/sessions/oidc': {
      post: op({ summary: 'Exchange a one-time OpenID code (with its PKCE verifier) for a session', tag: 'openid', body: ref('OidcCode'), responses: { 201: json(201, ref('OidcSession')), ...errors(400, 429) } }),
    },
    '/api/identities': {
      get: op({ summary: "The account's connected sign-ins", tag: 'openid', session: true, responses: { 200: json(200, ref('IdentityList')), ...errors(...SESSION_ERRORS) } }),
      post: op({
        summary: 'Link an identity to the signed-in account (a code from a start with intent=link; a sign-in of the last ten minutes, or the current password)',
        tag: 'openid',
        session: true,
        body: ref('OidcLink'),
        responses: { 200: json(200, ref('Linked')), 201: json(201, ref('Linked')), ...errors(400, 403, 409, ...SESSION_ERRORS) },
      }),
    },
    '/api/identities/{identityId}': {
      delete: op({
        summary: 'Unlink a connected sign-in, unless it is the last way to sign in (a sign-in of the last ten minutes, or the current password in the body)',
        tag: 'openid',
        session: true,
        parameters: [pathParam('identityId', 'an identity id from GET /api/identities')],
        optionalBody: ref('RecentProof'),
        responses: { 204: described(204), ...errors(403, 404, 409, ...SESSION_ERRORS) },
      }),
    },
    '/auth/{provider}/start': {
      get: op({
        summary: 'Starts an OpenID sign-in: redirects to the provider (redirect_uri, state, code_challenge, code_challenge_method=S256 in the query)',
        tag: 'openid',
        parameters: [pathParam('provider', 'a configured provider name')],
        responses: { 302: described(302), ...errors(400, 404, 429, 502) },
      }),
    },
    '/auth/{provider}/callback': {
      get: op({
        summary: "The provider's answer: redirects to the client's redirect_uri with a one-time code and its state",
        tag: 'openid',
        parameters: [pathParam('provider', 'a configured provider name')],
        responses: { 302: described(302), ...errors(400, 404) },
      }),
    },
    '/api/sessions/{sessionId}': {
      delete: op({
        summary: 'End a session (`current` signs out); its sockets close with 4401',
        tag: 'accounts',
        session: true,
        parameters: [pathParam('sessionId', 'a session id, or `current`')],
        responses: { 204: described(204), ...errors(404, ...SESSION_ERRORS) },
      }),
    },
    '/api/tokens': {
      post: op({
        summary: 'A document token; the first request for an unowned meeting makes the account its owner',
        tag: 'documents',
        session: true,
        body: ref('TokenRequest'),
        responses: { 200: json(200, ref('Token')), ...errors(400, 403, 410, ...SESSION_ERRORS) },
      }),
    },
    '/api/shares': {
      post: op({ summary: 'A share link for an owned meeting', tag: 'documents', session: true, body: ref('ShareRequest'), responses: { 201: json(201, ref('Share')), ...errors(400, 403, 404, ...SESSION_ERRORS) } }),
      get: op({
        summary: "Share links of the account's meetings (of one with ?meetingId=)",
        tag: 'documents',
        session: true,
        parameters: [query('meetingId', 'only the links of this meeting')],
        responses: { 200: json(200, ref('ShareList')), ...errors(400, 403, 404, ...SESSION_ERRORS) },
      }),
    },
    '/api/shares/{shareId}': {
      delete: op({
        summary: 'Revoke a share link; its open sockets close with 4401 on every node',
        tag: 'documents',
        session: true,
        parameters: [pathParam('shareId', 'the share id')],
        responses: { 204: described(204), ...errors(404, ...SESSION_ERRORS) },
      }),
    },
    [Routes.landing]: { get: form('Landing page with the download and the mailing-list form', 200) },
    [Routes.privacy]: { get: form('What the relay stores', 200) },
    [Routes.signUp]: { post: form('Join the mailing list (form post; queues a confirmation mail)', 303, 400, 403, 413, 429, 503) },
    [Routes.signUpDone]: { get: form('After signing up', 200) },
    [Routes.unsubscribe]: {
      get: { ...form('Confirm leaving the mailing list', 200, 404), parameters: [query('token', 'from the mail', true)] },
      post: form('Leave the mailing list', 200, 400, 403, 404),
    },
    [Routes.events]: {
      post: op({
        summary: 'Count one usage event (no identifiers are stored)',
        tag: 'website',
        body: ref('UsageEvent'),
        responses: { 204: described(204), 400: typed(400, 'text/plain'), 413: typed(413, 'text/plain'), 415: typed(415, 'text/plain'), 429: typed(429, 'text/plain') },
      }),
    },
    [Routes.uninstalled]: { get: { ...form('Counts an uninstall; the extension opens it', 200), parameters: [query('v', 'extension version')] } },
    [Routes.stats]: { get: form('Usage counts (after signing in with the stats token)', 200), post: form('Sign in to the stats page', 303, 400, 403, 429) },
    [Routes.download]: { get: op({ summary: 'The packaged extension', tag: 'website', responses: { 200: typed(200, 'application/zip'), 404: html(404) } }) },
    [Routes.account]: { get: form('The account page (sessions, shares, export, deletion)', 200) },
    [`${Routes.assets}{file}`]: { get: op({ summary: 'Static files of the website', tag: 'website', parameters: [pathParam('file', 'file name')], responses: { 200: described(200), 404: described(404) } }) },
    [`${ViewerRoutes.pagePrefix}{meetingId}`]: {
      get: op({
        summary: 'The live viewer; the token follows in the URL fragment, which browsers never send',
        tag: 'website',
        parameters: [pathParam('meetingId', 'the meeting id')],
        responses: { 200: html(200), 404: html(404), 503: html(503) },
      }),
    },
    [`${ViewerRoutes.assetsPrefix}{file}`]: { get: op({ summary: 'Built files of the live viewer', tag: 'website', parameters: [pathParam('file', 'file name')], responses: { 200: described(200), 404: described(404) } }) },
  },
} as const;
