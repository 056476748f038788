// The checkpoint thread: its own connection to the relay's SQLite file copies the WAL into the
// database (PASSIVE: it never waits on the writer and never blocks a commit), so the fsyncs a
// checkpoint needs happen here and not on the relay's event loop. It runs when the relay asks
// (after enough commits) and on a backstop timer that does nothing unless another connection
// wrote since the last checkpoint (PRAGMA data_version), so an idle relay costs nothing.
import { parentPort, workerData } from 'node:worker_threads';
import { openExistingDatabase } from './sqlite-database.ts';
import type { CheckpointReport, CheckpointRequest, CheckpointRow, CheckpointWorkerData } from './wal-checkpoint-messages.ts';

const port = parentPort!;
const { file, backstopMs } = workerData as CheckpointWorkerData;
const db = openExistingDatabase(file);
const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
const checkpoint = db.prepare<[], CheckpointRow>('PRAGMA wal_checkpoint(PASSIVE)');
let checkpointedVersion = -1;

function run(): void {
  const version = dataVersion.get()!;
  const started = performance.now();
  const { busy, log, checkpointed } = checkpoint.get()!;
  checkpointedVersion = version;
  const report: CheckpointReport = { busy: busy !== 0, log, checkpointed, ms: performance.now() - started };
  port.postMessage(report);
}

const backstop = setInterval(() => {
  if (dataVersion.get() !== checkpointedVersion) run();
}, backstopMs);

port.on('message', (request: CheckpointRequest) => {
  if (request === 'checkpoint') return run();
  clearInterval(backstop);
  db.close();
  port.close();
});
