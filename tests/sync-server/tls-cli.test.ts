// The relay's command line with TLS, as a child process: a certificate without a key (or the
// reverse), an unreadable file, garbage PEM and a key of another certificate each stop the start
// with exit code 1 and one JSON line naming the fault; a valid pair given through the environment
// serves HTTPS, and SIGHUP swaps in renewed files (a bad renewal is logged, the old pair stays).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeCertificate, writeCertificate, writePem, type TestCertificate } from './helpers/tls-certificates.ts';
import { fingerprintOf, httpsRequest, presentedFingerprint } from './helpers/tls-client.ts';
import { waitFor } from './helpers/relay-harness.ts';
import { EXIT_LIMIT_MS, failedStart, runCli } from './helpers/relay-cli.ts';

interface Dirs {
  dir: string;
  good: TestCertificate;
  other: TestCertificate;
}

const Cli = suite<Dirs>('TLS at the command line', {} as Dirs);

Cli.before(async (ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'ltm-tls-cli-'));
  ctx.good = await makeCertificate();
  ctx.other = await makeCertificate('other.localhost');
});

Cli.after((ctx) => {
  rmSync(ctx.dir, { recursive: true, force: true });
});

Cli('a certificate without a key, or a key without a certificate, stops the start', async (ctx) => {
  const certFile = writePem(ctx.dir, 'alone-cert.pem', ctx.good.cert);
  const keyFile = writePem(ctx.dir, 'alone-key.pem', ctx.good.key);
  const [onlyCert, onlyKey] = await Promise.all([
    failedStart(ctx.dir, ['--tls-cert', certFile]),
    failedStart(ctx.dir, [], { LTM_TLS_KEY: keyFile }),
  ]);
  assert.match(onlyCert, /^InvalidSettingError: relay\.tlsKeyFile \(default\): TLS needs both a certificate and a key: the certificate file was given but no key file/);
  assert.match(onlyKey, /^InvalidSettingError: relay\.tlsCertFile \(default\): TLS needs both a certificate and a key: the key file was given but no certificate file/);
});

Cli('a missing file, garbage PEM and a key of another certificate each stop the start', async (ctx) => {
  const certFile = writePem(ctx.dir, 'cert.pem', ctx.good.cert);
  const keyFile = writePem(ctx.dir, 'key.pem', ctx.good.key);
  const garbage = writePem(ctx.dir, 'garbage.pem', '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
  const otherKey = writePem(ctx.dir, 'other-key.pem', ctx.other.key);
  const missing = join(ctx.dir, 'no-such-file.pem');
  const [unreadable, badCert, badKey, foreignKey] = await Promise.all([
    failedStart(ctx.dir, ['--tls-cert', missing, '--tls-key', keyFile]),
    failedStart(ctx.dir, ['--tls-cert', garbage, '--tls-key', keyFile]),
    failedStart(ctx.dir, ['--tls-cert', certFile, '--tls-key', garbage]),
    failedStart(ctx.dir, ['--tls-cert', certFile, '--tls-key', otherKey]),
  ]);
  assert.match(unreadable, /^TlsCredentialsError: cannot read the TLS certificate file .*no-such-file\.pem/);
  assert.match(badCert, /^TlsCredentialsError: the TLS certificate file .*garbage\.pem holds no valid PEM certificate/);
  assert.match(badKey, /^TlsCredentialsError: the TLS key file .*garbage\.pem holds no valid PEM private key/);
  assert.match(foreignKey, /^TlsCredentialsError: the TLS key .*other-key\.pem does not belong to the certificate .*cert\.pem/);
});

Cli('files from the environment serve HTTPS; SIGHUP swaps in a renewal and keeps the pair on a bad one', async (ctx) => {
  const liveDir = mkdtempSync(join(ctx.dir, 'live-'));
  const files = writeCertificate(liveDir, ctx.good);
  const cli = runCli(['--port', '0', '--data', join(ctx.dir, 'served')], { LTM_TLS_CERT: files.certFile, LTM_TLS_KEY: files.keyFile });
  try {
    const logged = (msg: string) => cli.stdout.map((line) => JSON.parse(line) as { msg: string; port?: number }).filter((entry) => entry.msg === msg);
    await waitFor(() => logged('relay listening').length === 1, 'the relay listens', EXIT_LIMIT_MS);
    const port = logged('relay listening')[0]!.port!;
    const health = await httpsRequest(`https://127.0.0.1:${port}/healthz`, { ca: ctx.good.cert });
    assert.is(health.status, 200);

    const trustBoth = { ca: [ctx.good.cert, ctx.other.cert] };
    writeCertificate(liveDir, ctx.other);
    cli.signal('SIGHUP');
    await waitFor(() => logged('tls certificate reloaded').length === 1, 'the reload is logged', EXIT_LIMIT_MS);
    assert.is(await presentedFingerprint(port, trustBoth), fingerprintOf(ctx.other.cert));

    writePem(liveDir, 'cert.pem', 'garbage');
    cli.signal('SIGHUP');
    await waitFor(() => logged('tls certificate reload failed; the previous certificate stays').length === 1, 'the failed reload is logged', EXIT_LIMIT_MS);
    assert.is(await presentedFingerprint(port, trustBoth), fingerprintOf(ctx.other.cert));
  } finally {
    cli.signal('SIGTERM');
  }
  assert.is(await cli.exited, 0);
});

Cli.run();
