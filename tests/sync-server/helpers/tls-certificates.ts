// Self-signed certificates made by the test itself (the `selfsigned` package, EC P-256, so it
// takes milliseconds), written as PEM files the relay reads like an operator's Let's Encrypt pair.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

export interface TestCertificate {
  readonly cert: string;
  readonly key: string;
}

export interface PemFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

const SAN_DNS = 2 as const;
const SAN_IP = 7 as const;

/** A certificate for localhost and 127.0.0.1, the names a test connects with. */
export async function makeCertificate(commonName = 'localhost'): Promise<TestCertificate> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'subjectAltName', altNames: [{ type: SAN_DNS, value: 'localhost' }, { type: SAN_IP, ip: '127.0.0.1' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

export function writePem(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Writes (or overwrites, as a renewal does) cert.pem and key.pem in dir. */
export function writeCertificate(dir: string, certificate: TestCertificate): PemFiles {
  return { certFile: writePem(dir, 'cert.pem', certificate.cert), keyFile: writePem(dir, 'key.pem', certificate.key) };
}
