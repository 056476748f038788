// The whole relay service (production access gate, website, account page) on 127.0.0.1 port 0
// with a real SQLite file in a fresh temp dir, cheap scrypt, and the log lines it wrote; stopped
// and removed after the body, whatever happened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, type RelayConfig } from '../../../sync-server/config.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startRelayService, type RelayService } from '../../../sync-server/relay-service.ts';
import type { AccessConfig } from '../../../sync-server/web/access/access-config.ts';
import { testConfig } from '../web/access/access-harness.ts';

export async function withRelayService(
  overrides: Partial<RelayConfig>,
  body: (service: RelayService, logs: readonly string[]) => Promise<void>,
  access: Partial<AccessConfig> = {},
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ltm-service-'));
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(line) });
  const config = resolveConfig({ port: 0, host: '127.0.0.1', dataDir: dir, ...overrides });
  const service = await startRelayService(config, { logger, access: { ...testConfig, ...access }, website: { extensionZipPath: join(dir, 'none.zip') } });
  try {
    await body(service, logs);
  } finally {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
