// Crash test across nodes: three relay processes on one PostgreSQL, five stock y-websocket
// clients spread over them; a seeded random node is SIGKILLed and restarted 20 times. Its
// clients fail over to another node; no update any client received may be missing from the
// database, and clients and database converge at the end. Real PostgreSQL, real processes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PostgresCluster } from '../../helpers/postgres-cluster.ts';
import { sharedPostgres } from '../../helpers/shared-postgres.ts';
import { runMultiNodeCrash } from '../helpers/multi-node-crash-scenario.ts';

const NODES = 3;
const CLIENTS = 5;
const KILLS = 20;
/** Change it to replay a failing run exactly: victims, moments and edits all follow from it. */
const SEED = 20261206;

const test = suite<{ cluster: PostgresCluster }>('crash across nodes', {} as { cluster: PostgresCluster });

test.before(async (context) => {
  context.cluster = await sharedPostgres();
});

test.after(async (context) => {
  await context.cluster?.stop();
});

test(`${KILLS} SIGKILLs of a random node of ${NODES} while ${CLIENTS} clients edit: nothing received is lost, clients fail over, all converge`, async ({ cluster }) => {
  const databaseUrl = await cluster.createDatabase('crash');
  const report = await runMultiNodeCrash({ databaseUrl, nodes: NODES, clients: CLIENTS, kills: KILLS, seed: SEED, maxUpMs: 800, editEveryMs: 15 });
  console.log(
    `  crash across nodes (seed ${SEED}): ${report.edits} edits, ${report.updatesChecked} received updates checked, ${report.failovers} failovers, ` +
      `client closes ${JSON.stringify(report.clientCloses)}, ${report.storedRows} stored rows, ${(report.durationMs / 1000).toFixed(0)} s`,
  );
  assert.equal(report.unexpectedExits, [], 'nodes only ever died by our SIGKILL');
  assert.equal(report.lost, [], `updates received from a node but missing from the database (seed ${SEED})`);
  assert.ok(report.updatesChecked > KILLS, `clients received updates throughout (${report.updatesChecked})`);
  assert.ok(report.failovers > 0, 'clients of killed nodes moved to other nodes');
  assert.ok(report.converged, `clients and database converge after the last restart:\n${report.divergence.join('\n')}`);
  assert.equal(report.gracefulExitCodes, Array(NODES).fill(0), 'every node stops cleanly on SIGTERM');
});

test.run();
