// Reads the relay's TLS certificate and key from PEM files and proves they are usable before any
// socket sees them: both files readable, both PEM that OpenSSL accepts, and the key the one that
// belongs to the certificate. Anything else is a TlsCredentialsError naming the file at fault, so
// a bad path or a half-renewed certificate stops the relay at startup (or keeps the old
// certificate on a reload) instead of failing each handshake.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';

export interface TlsCredentials {
  readonly cert: string;
  readonly key: string;
  /** When the certificate stops being valid (its notAfter), for the log. */
  readonly validTo: string;
}

export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

export class TlsCredentialsError extends Error {
  override readonly name = 'TlsCredentialsError';
}

function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new TlsCredentialsError(`cannot read the TLS ${what} file ${file}: ${(error as Error).message}`);
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function readTlsCredentials(files: TlsFiles): TlsCredentials {
  const cert = readPem(files.certFile, 'certificate');
  const key = readPem(files.keyFile, 'key');
  let validTo: string;
  try {
    // Parses the first certificate of the file (a full chain file starts with the leaf).
    validTo = new X509Certificate(cert).validTo;
  } catch (error) {
    throw new TlsCredentialsError(`the TLS certificate file ${files.certFile} holds no valid PEM certificate: ${reason(error)}`);
  }
  try {
    createSecureContext({ key });
  } catch (error) {
    throw new TlsCredentialsError(`the TLS key file ${files.keyFile} holds no valid PEM private key: ${reason(error)}`);
  }
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new TlsCredentialsError(
      `the TLS key ${files.keyFile} does not belong to the certificate ${files.certFile}: ${reason(error)}`,
    );
  }
  return { cert, key, validTo };
}
