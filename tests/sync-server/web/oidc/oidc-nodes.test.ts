// OpenID records shared by several relays on one real PostgreSQL, each node with its own pool: a
// flow started on one node completes when the provider's callback reaches another; a code
// redeemed from two nodes at once is redeemed exactly once; an expired flow is refused on every
// node; two nodes creating one account, or unlinking an account's two identities, at once leave
// it consistent.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AccountId } from '../../../../sync-server/web/access/access-ids.ts';
import { secretHash } from '../../../../sync-server/web/oidc/oidc-context.ts';
import type { OidcRecords } from '../../../../sync-server/web/oidc/oidc-records.ts';
import { createPostgresOidcRecords } from '../../../../sync-server/web/oidc/postgres-oidc-records.ts';
import { postgresDatabases, type PostgresBackend } from '../web-backends.ts';
import { account, codeRow, flowRow, identity, T0 } from './oidc-rows.ts';

const ROUNDS = 20;
const databases = postgresDatabases('oidc_nodes');

interface World {
  backend: PostgresBackend | null;
  nodes: OidcRecords[];
}

const test = suite<World>('OpenID records across nodes', { backend: null, nodes: [] });
test.before.each(async (w) => {
  w.backend = await databases.open();
  w.nodes = [createPostgresOidcRecords(w.backend.pool), createPostgresOidcRecords(w.backend.openPool())];
});
test.after.each(async (w) => {
  await w.backend?.cleanup();
});
test.after(() => databases.stop());

test('a flow started on node 1 is completed by the callback on node 2, once', async ({ nodes: [one, two] }) => {
  await one!.insertFlow(flowRow('state-x', T0 + 600_000));
  assert.is((await two!.takeFlow(secretHash('state-x'), T0 + 1_000))?.client_state, 'client-state');
  assert.is(await one!.takeFlow(secretHash('state-x'), T0 + 1_000), null, 'not again on node 1');
});

test('an expired flow or code is refused on the other node', async ({ nodes: [one, two] }) => {
  await one!.insertFlow(flowRow('state-late', T0 + 600_000));
  await one!.insertCode(codeRow('code-late', 'acc-1', T0 + 60_000));
  assert.is(await two!.takeFlow(secretHash('state-late'), T0 + 600_000), null);
  assert.is(await two!.takeCode(secretHash('code-late'), T0 + 60_000), null);
});

test('a code redeemed from two nodes at once is redeemed exactly once', async ({ nodes: [one, two] }) => {
  for (let round = 0; round < ROUNDS; round++) {
    await one!.insertCode(codeRow(`code-${round}`, 'acc-1', T0 + 60_000));
    const hash = secretHash(`code-${round}`);
    const taken = await Promise.all([one!.takeCode(hash, T0), two!.takeCode(hash, T0)]);
    assert.is(taken.filter((row) => row !== null).length, 1, `round ${round}: ${JSON.stringify(taken.map((row) => row !== null))}`);
  }
});

test('two nodes creating an account for one email at once make one', async ({ backend, nodes: [one, two] }) => {
  for (let round = 0; round < ROUNDS; round++) {
    const email = `person-${round}@example.com`;
    const made = await Promise.all([
      one!.createAccountWith(account(`a-${round}`, email), identity(`a-${round}`, `a-${round}`)),
      two!.createAccountWith(account(`b-${round}`, email), identity(`b-${round}`, `b-${round}`)),
    ]);
    assert.is(made.filter(Boolean).length, 1, `round ${round}`);
  }
  assert.equal([await backend!.count('accounts'), await backend!.count('identities')], [ROUNDS, ROUNDS], 'a refused account leaves no identity');
});

test("two nodes unlinking an account's two identities at once keep one", async ({ backend, nodes: [one, two] }) => {
  for (let round = 0; round < ROUNDS; round++) {
    const id = `acc-${round}` as AccountId;
    await one!.createAccountWith(account(id, `${id}@example.com`), identity(`${id}-1`, id));
    await one!.linkIdentity(identity(`${id}-2`, id));
    const results = await Promise.all([one!.unlinkIdentity(`identity-${id}-1`, id), two!.unlinkIdentity(`identity-${id}-2`, id)]);
    assert.equal([...results].sort(), ['last', 'unlinked'], `round ${round}`);
  }
  assert.is(await backend!.count('identities'), ROUNDS);
});

test.run();
