// A relay process built exactly as sync-server/main.ts builds one (SQLite store, real access
// gate, startRelay), but with config overrides passed as one JSON argument, for scenarios the
// CLI has no flags for (relaxed rate limits for the fuzzer and the load generator, a long unload
// grace for memory figures). Over IPC it answers {type:'gc'} with a GC'd memory reading (needs
// --expose-gc). SIGTERM closes gracefully, like the CLI. Starts only when run as a script: the
// unit-test runner imports every file under tests/.
import { pathToFileURL } from 'node:url';
import { accessDefaults } from '../../../sync-server/web/access/access-config.ts';
import { createAccessGate } from '../../../sync-server/web/access/create-access-gate.ts';
import { resolveConfig, type RelayConfig } from '../../../sync-server/config.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startRelay } from '../../../sync-server/relay/relay.ts';
import { databasePath, openDatabase } from '../../../sync-server/relay/storage/sqlite-database.ts';
import { SqliteDocumentStore } from '../../../sync-server/relay/storage/sqlite-document-store.ts';

async function main(overrides: Partial<RelayConfig>): Promise<void> {
  const config = resolveConfig(overrides);
  const logger = createLogger(config.logLevel);
  const db = openDatabase(databasePath(config.dataDir), config.sqliteSynchronous);
  const store = new SqliteDocumentStore(db);
  const access = createAccessGate({ db, dataDir: config.dataDir, store, config: accessDefaults, logger });
  const relay = await startRelay(config, { access, logger, store });
  // Written directly (not through the logger) so the parent finds it whatever the log level.
  process.stdout.write(`${JSON.stringify({ msg: 'relay listening', port: relay.port })}\n`);

  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'gc') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    for (let i = 0; i < 3; i++) gc?.();
    process.send?.({ type: 'memory', memory: process.memoryUsage() });
  });
  process.once('SIGTERM', () => {
    void (async () => {
      await relay.close();
      access.close();
      db.close();
      process.exit(0);
    })();
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(JSON.parse(process.argv[2] ?? '{}') as Partial<RelayConfig>);
}
