// A suite of relays on one real PostgreSQL: the run's shared cluster, or with ownServer one for the
// suite, which its tests may stop and start (a fresh database per test is the test's to create;
// the suite's end drops them, or the whole private cluster), and every relay a test started
// stopped after it.
import { suite, type Test } from 'uvu';
import { startPostgres, type PostgresCluster } from '../../helpers/postgres-cluster.ts';
import { sharedPostgres } from '../../helpers/shared-postgres.ts';
import type { TestRelay } from './relay-harness.ts';

export interface PostgresNodesWorld {
  cluster: PostgresCluster;
  /** Databases created so far, for unique names. */
  databases: number;
  nodes: TestRelay[];
}

export function postgresNodesSuite(name: string, options: { ownServer?: boolean } = {}): Test<PostgresNodesWorld> {
  const test = suite<PostgresNodesWorld>(name, { databases: 0, nodes: [] } as unknown as PostgresNodesWorld);
  test.before(async (w) => {
    w.cluster = await (options.ownServer ? startPostgres() : sharedPostgres());
  });
  test.after.each(async (w) => {
    await Promise.all(w.nodes.map((node) => node.stop()));
    w.nodes = [];
  });
  test.after(async (w) => {
    await w.cluster.stop();
  });
  return test;
}
