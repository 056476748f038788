// What every access handler shares: the records, the token codec, the config, the document
// store, the limiters, the logger and the revocation emitter. Built once by the gate factory.
import type { Logger } from 'pino';
import type { DocumentStore } from '../../relay/storage/document-store.ts';
import type { AccessConfig } from './access-config.ts';
import type { AccessRecords } from './access-records.ts';
import type { AttemptLimiter } from './attempt-limiter.ts';
import type { DeviceTokens } from './device-tokens.ts';
import type { TokenCodec } from './token-codec.ts';

export type AccessLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface AccessContext {
  readonly records: AccessRecords;
  readonly codec: TokenCodec;
  readonly devices: DeviceTokens;
  readonly config: AccessConfig;
  readonly store: DocumentStore;
  readonly logger: AccessLogger;
  readonly limiters: {
    readonly signInPerEmail: AttemptLimiter;
    readonly signInPerDevice: AttemptLimiter;
    readonly signInPerIp: AttemptLimiter;
    readonly signUpPerIp: AttemptLimiter;
    readonly listMeetingsPerAccount: AttemptLimiter;
    readonly exportPerAccount: AttemptLimiter;
    readonly sharesPerAccount: AttemptLimiter;
    readonly oidcPerIp: AttemptLimiter;
  };
  /** Closes the sockets that hold any of the keys, on this node and (after the revoking
   *  transaction committed) on every other; never rejects. */
  readonly revoke: (...keys: string[]) => Promise<void>;
  /** Lets the transport of every node retire the rooms of documents about to be deleted; never rejects. */
  readonly evict: (docs: readonly string[]) => Promise<void>;
}
