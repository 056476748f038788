// One PostgreSQL cluster for every suite of a test run: initdb and a server start cost seconds
// of CPU each, and most suites only need fresh databases, not a fresh server. A suite leases the
// cluster; its databases get names unique in the run, and its stop() drops them (WITH FORCE,
// closing any connection left behind, as stopping a private server did). The server stops when
// the test process exits. A suite that stops or restarts the server starts its own
// (startPostgres): halt and resume refuse here.
import pg from 'pg';
import { startPostgres, type PostgresCluster } from './postgres-cluster.ts';

export class SharedClusterError extends Error {
  override readonly name = 'SharedClusterError';
}

let shared: Promise<PostgresCluster> | null = null;
let databases = 0;

function cluster(): Promise<PostgresCluster> {
  shared ??= startPostgres().then((started) => {
    started.stopAtExit();
    return started;
  });
  return shared;
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A lease on the run's cluster, started on first use. */
export async function sharedPostgres(): Promise<PostgresCluster> {
  const server = await cluster();
  const mine: string[] = [];
  const refuse = async (): Promise<never> => {
    throw new SharedClusterError('the shared PostgreSQL serves every suite; start a private one (startPostgres) to stop or restart a server');
  };
  return {
    url: server.url,
    port: server.port,
    async createDatabase(name) {
      const unique = `${name}_r${++databases}`;
      mine.push(unique);
      return server.createDatabase(unique);
    },
    halt: refuse,
    resume: refuse,
    async stop() {
      const names = mine.splice(0);
      await admin(server.url, async (client) => {
        for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      });
    },
    stopAtExit() {},
  };
}
