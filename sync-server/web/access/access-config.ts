// Access-control defaults. The relay's config composes this object; tests override single
// fields by spreading it. Times are milliseconds, like every `now` in the relay.
export interface RateWindow {
  readonly max: number;
  readonly windowMs: number;
}

export interface ScryptParams {
  readonly cost: number;
  readonly blockSize: number;
  readonly parallelization: number;
  readonly keyLength: number;
  readonly saltLength: number;
}

export interface AccessConfig {
  /** Lifetime of a library or meeting token obtained with a session. */
  readonly accountTokenTtlMs: number;
  /** Lifetime of a share link; revocation ends it sooner. */
  readonly shareTokenTtlMs: number;
  readonly sessionTtlMs: number;
  /** How long after the sign-in that issued it a device token keeps its device out of the
   *  email's shared sign-in bucket (device-tokens.ts). */
  readonly deviceTokenTtlMs: number;
  readonly maxBodyBytes: number;
  /** When set, share URLs are absolute (`https://relay.example/m/<id>#<token>`). */
  readonly publicUrl: string | null;
  readonly passwordMinLength: number;
  readonly passwordMaxLength: number;
  /** Lowest zxcvbn score (0-4) a new password may have; 3 resists guessing from a stolen hash. */
  readonly passwordMinScore: number;
  readonly nameMaxLength: number;
  readonly scrypt: ScryptParams;
  /** Sign-ins for one email from devices without a device token for it (device-tokens.ts). */
  readonly signInPerEmail: RateWindow;
  /** Sign-ins with one device token, and password changes with one session. */
  readonly signInPerDevice: RateWindow;
  readonly signInPerIp: RateWindow;
  readonly signUpPerIp: RateWindow;
  /** Per account: each list or export reads and decodes every meeting the account owns. */
  readonly listMeetingsPerAccount: RateWindow;
  readonly exportPerAccount: RateWindow;
  /** Share links one account may create per window: each is a stored row until it expires. */
  readonly sharesPerAccount: RateWindow;
  /** Meetings one account may own; claiming more (POST /api/tokens) is refused with 403. */
  readonly maxMeetingsPerAccount: number;
  /** Bound on remembered rate-limit keys, so a flood of distinct keys cannot grow memory. */
  readonly limiterMaxKeys: number;
  readonly secretFileName: string;
  /** A one-time OpenID sign-in code must be exchanged within this time (single use). */
  readonly oidcCodeTtlMs: number;
  /** How long a person may take at the provider's login before the sign-in must start again. */
  readonly oidcFlowTtlMs: number;
  /** OpenID starts and code exchanges per IP: each start stores a pending flow. */
  readonly oidcPerIp: RateWindow;
  /** With several nodes: how often open sockets are authorized again, for revocations whose
   *  notice never arrived (0: only when the revocation listener reconnects). */
  readonly revocationRecheckMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const accessDefaults: AccessConfig = {
  accountTokenTtlMs: HOUR,
  shareTokenTtlMs: 30 * DAY,
  sessionTtlMs: 30 * DAY,
  // A device that signs in at least once per session lifetime keeps a fresh token; one unused
  // for half a year proves little about who holds it now.
  deviceTokenTtlMs: 180 * DAY,
  maxBodyBytes: 16 * 1024,
  publicUrl: null,
  passwordMinLength: 8,
  passwordMaxLength: 256,
  passwordMinScore: 3,
  nameMaxLength: 100,
  // OWASP's Password Storage Cheat Sheet asks for at least N = 2^17, r = 8, p = 1 (128 MiB per
  // hash). N = 2^14 is the scrypt paper's 2009 interactive-login figure, well below that minimum;
  // hashes made with it are replaced at their account's next sign-in (needsRehash).
  scrypt: { cost: 131_072, blockSize: 8, parallelization: 1, keyLength: 32, saltLength: 16 },
  signInPerEmail: { max: 5, windowMs: 15 * MINUTE },
  signInPerDevice: { max: 10, windowMs: 15 * MINUTE },
  signInPerIp: { max: 30, windowMs: 15 * MINUTE },
  signUpPerIp: { max: 10, windowMs: HOUR },
  listMeetingsPerAccount: { max: 60, windowMs: HOUR },
  exportPerAccount: { max: 3, windowMs: HOUR },
  sharesPerAccount: { max: 100, windowMs: HOUR },
  maxMeetingsPerAccount: 10_000,
  limiterMaxKeys: 10_000,
  secretFileName: 'server-secret',
  oidcCodeTtlMs: MINUTE,
  oidcFlowTtlMs: 10 * MINUTE,
  oidcPerIp: { max: 60, windowMs: 15 * MINUTE },
  revocationRecheckMs: 5 * MINUTE,
};
