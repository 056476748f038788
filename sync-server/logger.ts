// Structured JSON logs (pino) to stdout or a given stream. Modules receive the logger; none
// creates its own. Tokens never reach a log line: sockets are logged by document name only, and
// the redact list is a second line of defence for fields that might carry secrets.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const REDACTED_PATHS = [
  'token',
  'password',
  'session',
  'authorization',
  'code_verifier',
  'clientSecret',
  'deviceToken',
  '*.token',
  '*.password',
  '*.session',
  '*.authorization',
  '*.code_verifier',
  '*.clientSecret',
  '*.deviceToken',
  'req.headers.authorization',
  'req.url',
] as const;

export const LOG_LEVELS = [...Object.keys(pino.levels.values), 'silent'] as const;

export class LogLevelError extends Error {
  override readonly name = 'LogLevelError';
}

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  // pino's own message for a bad level is about its custom-level internals.
  if (!LOG_LEVELS.includes(level)) throw new LogLevelError(`log level "${level}" is not one of ${LOG_LEVELS.join(', ')} (--log-level, LTM_LOG_LEVEL)`);
  const options = { level, base: { service: 'ltm-relay' }, redact: [...REDACTED_PATHS] };
  return destination ? pino(options, destination) : pino(options);
}
