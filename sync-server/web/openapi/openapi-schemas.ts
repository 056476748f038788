// The JSON bodies of the HTTP API as JSON Schema (2020-12, the dialect of OpenAPI 3.1): the
// `components.schemas` of the OpenAPI document. Closed objects, so a field added to a response
// without being described here fails the API tests, which validate every response against them.
import { ID_PATTERN } from '../../../wire/doc-name.ts';
import { PASSWORD_ADVICE } from '../../../wire/refusal-details.ts';
import { ROLES } from '../../../wire/roles.ts';
import { SHARE_LABEL_MAX_LENGTH } from '../../../wire/share-label.ts';

type Schema = Readonly<Record<string, unknown>>;

const ID = { type: 'string', pattern: ID_PATTERN.source } as const;
const MS = { type: 'integer', minimum: 0, description: 'milliseconds since the Unix epoch' } as const;
const TOKEN = { type: 'string', minLength: 1, description: 'a signed document token (sent as ?token= on /sync)' } as const;

export const ref = (name: keyof typeof SCHEMAS): Schema => ({ $ref: `#/components/schemas/${name}` });

/** An object whose properties are all required and which allows no others. */
function closed(properties: Record<string, unknown>, description?: string): Schema {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false, ...(description ? { description } : {}) };
}

const nullable = (schema: Schema): Schema => ({ oneOf: [schema, { type: 'null' }] });

/** Sent untrimmed; the relay trims it, so only the stored label is bounded here. */
const SHARE_LABEL_IN = { type: 'string', description: `optional; trimmed, at most ${SHARE_LABEL_MAX_LENGTH} characters (400 invalid_label beyond)` } as const;
const SHARE_LABEL = nullable({ type: 'string', maxLength: SHARE_LABEL_MAX_LENGTH, description: 'the label given when the link was made; null without one' });

/** What every sign-in of any kind answers (a password sign-in adds its device token). */
const SESSION_GRANT = {
  accountId: ID,
  session: { type: 'string', description: 'bearer session for Authorization: Bearer' },
  name: { type: 'string', description: 'the display name others see' },
} as const;

const COUNT = { type: 'integer', minimum: 0 } as const;
/** The message is English, for people reading the API or logs; clients word a refusal from its
 *  code and details, never from the message. */
const REFUSAL = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    details: {
      oneOf: [
        closed({ min: COUNT, max: COUNT }, 'the limits of a length rule in characters, both inclusive (invalid_password, invalid_name)'),
        closed(
          { advice: { type: 'array', items: { enum: [...PASSWORD_ADVICE] } } },
          'why a password is easy to guess and what would help, as keys, most telling first (weak_password)',
        ),
      ],
    },
  },
  required: ['code', 'message'],
  additionalProperties: false,
} as const;

const IDENTITY = closed({
  identityId: { type: 'string' },
  provider: nullable({ type: 'string', description: 'the configured provider name; null once it is no longer configured' }),
  label: { type: 'string' },
  email: nullable({ type: 'string' }),
  name: nullable({ type: 'string' }),
  linkedAt: MS,
});

export const SCHEMAS = {
  ProviderList: { type: 'array', items: closed({ name: { type: 'string' }, label: { type: 'string' } }), description: 'configured OpenID providers, for sign-in buttons' },
  OidcCode: {
    type: 'object',
    properties: { code: { type: 'string' }, code_verifier: { type: 'string' } },
    required: ['code', 'code_verifier'],
    description: "the one-time code from the callback and the client's PKCE verifier",
  },
  OidcLink: {
    type: 'object',
    properties: { code: { type: 'string' }, code_verifier: { type: 'string' }, currentPassword: { type: 'string' } },
    required: ['code', 'code_verifier'],
    description: "the one-time code from the callback and the client's PKCE verifier; the current password when the session signed in more than ten minutes ago",
  },
  RecentProof: {
    type: 'object',
    properties: { currentPassword: { type: 'string' } },
    description: 'the current password; needed when the session signed in more than ten minutes ago (an account without a password signs in again instead)',
  },
  OidcSession: closed({ ...SESSION_GRANT }),
  Identity: IDENTITY,
  IdentityList: closed({ identities: { type: 'array', items: IDENTITY }, hasPassword: { type: 'boolean' } }),
  Linked: { oneOf: [IDENTITY, closed({})] },
  Error: closed({ error: REFUSAL }, 'every refusal of /api'),
  Health: closed({ status: { const: 'ok' } }),
  Ready: closed({ status: { const: 'ready' } }),
  Time: closed({ now: MS }),
  Credentials: {
    type: 'object',
    properties: { email: { type: 'string' }, password: { type: 'string' }, deviceToken: { type: 'string' } },
    required: ['email', 'password'],
  },
  NewAccount: {
    type: 'object',
    properties: { email: { type: 'string', format: 'email' }, password: { type: 'string' }, name: { type: 'string' } },
    required: ['email', 'password'],
  },
  SessionStarted: closed({
    ...SESSION_GRANT,
    deviceToken: { type: 'string', description: 'send it with later sign-ins from this device: strangers guessing the password do not lock it out; each sign-in answers a fresh one, and an old one expires (access.deviceTokenTtlMs)' },
  }),
  NewName: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
  Renamed: closed({ accountId: ID, name: { type: 'string' } }),
  Account: closed({ accountId: ID, email: { type: 'string' }, name: { type: 'string' }, createdAt: MS }),
  PasswordChange: { type: 'object', properties: { currentPassword: { type: 'string' }, newPassword: { type: 'string' } }, required: ['currentPassword', 'newPassword'] },
  PasswordChanged: closed({ endedSessions: { type: 'integer', minimum: 0 } }),
  SessionList: closed({
    sessions: { type: 'array', items: closed({ sessionId: { type: 'string' }, createdAt: MS, lastUsedAt: MS, expiresAt: MS, current: { type: 'boolean' } }) },
  }),
  MeetingList: closed({ meetings: { type: 'array', items: closed({ meetingId: ID, title: nullable({ type: 'string' }), claimedAt: MS }) } }),
  TokenRequest: { type: 'object', properties: { doc: { type: 'string', examples: ['meeting/<id>', 'library/<accountId>'] } }, required: ['doc'] },
  Token: closed({ token: TOKEN, role: { const: 'owner' }, exp: MS }),
  ShareRequest: {
    type: 'object',
    properties: { meetingId: ID, role: { enum: ['edit', 'view'] }, label: SHARE_LABEL_IN },
    required: ['meetingId', 'role'],
  },
  Share: closed({ shareId: ID, token: TOKEN, url: { type: 'string', description: '/m/<meetingId>#<token>, absolute when publicUrl is set' }, role: { enum: ROLES }, label: SHARE_LABEL, exp: MS }),
  ShareList: closed({
    shares: {
      type: 'array',
      items: closed({
        shareId: ID,
        meetingId: ID,
        role: { enum: ROLES },
        label: SHARE_LABEL,
        createdAt: MS,
        expiresAt: MS,
        revokedAt: nullable(MS),
        active: { type: 'boolean' },
        token: nullable(TOKEN),
        url: nullable({ type: 'string' }),
      }),
    },
  }),
  UsageEvent: { type: 'object', properties: { event: { type: 'string' }, version: { type: 'string' } }, required: ['event', 'version'] },
  OpenApi: { type: 'object', required: ['openapi', 'info', 'paths'], properties: { openapi: { const: '3.1.0' }, info: { type: 'object' }, paths: { type: 'object' } } },
} as const satisfies Record<string, Schema>;
