// The OpenID records behave the same on SQLite and on PostgreSQL: one suite, run once per backend
// against a real database. A flow or a code is taken once and refused when expired; an identity
// links to one account; a new account is refused when its email or identity is taken; an
// account's last way to sign in cannot be unlinked.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AccountId } from '../../../../sync-server/web/access/access-ids.ts';
import { createSqliteOidcRecords, type OidcRecords } from '../../../../sync-server/web/oidc/oidc-records.ts';
import { createPostgresOidcRecords } from '../../../../sync-server/web/oidc/postgres-oidc-records.ts';
import { secretHash } from '../../../../sync-server/web/oidc/oidc-context.ts';
import { account, codeRow, flowRow, identity, ISSUER, T0 } from './oidc-rows.ts';
import { BACKENDS, postgresDatabases, sqliteBackend, type WebBackend } from '../web-backends.ts';

const databases = postgresDatabases('oidc_records');

interface World {
  backend: WebBackend | null;
  records: OidcRecords | null;
}

for (const kind of BACKENDS) {
  const test = suite<World>(`OpenID records on ${kind}`, { backend: null, records: null });
  test.before.each(async (w) => {
    w.backend = kind === 'sqlite' ? sqliteBackend() : await databases.open();
    w.records = w.backend.kind === 'sqlite' ? createSqliteOidcRecords(w.backend.db) : createPostgresOidcRecords(w.backend.pool);
  });
  test.after.each(async (w) => {
    await w.backend?.cleanup();
  });
  if (kind === 'postgres') test.after(() => databases.stop());

  test('a flow is taken once, with every field as stored', async ({ records }) => {
    await records!.insertFlow(flowRow('state-1', T0 + 600_000));
    const taken = await records!.takeFlow(secretHash('state-1'), T0);
    assert.equal({ ...taken, state_hash: taken?.state_hash.toString('hex') }, { ...flowRow('state-1', T0 + 600_000), state_hash: secretHash('state-1').toString('hex') });
    assert.is(await records!.takeFlow(secretHash('state-1'), T0), null, 'used');
    assert.is(await records!.takeFlow(secretHash('never'), T0), null, 'unknown');
  });

  test('an expired flow or code is refused, and purged', async ({ backend, records }) => {
    await records!.insertFlow(flowRow('late', T0));
    await records!.insertCode(codeRow('late', 'acc-1', T0));
    assert.is(await records!.takeFlow(secretHash('late'), T0), null);
    assert.is(await records!.takeCode(secretHash('late'), T0), null);
    await records!.insertFlow(flowRow('stale', T0 - 1));
    await records!.insertCode(codeRow('stale', null, T0 - 1));
    await records!.insertFlow(flowRow('fresh', T0 + 1));
    await records!.purgeExpired(T0);
    assert.equal([await backend!.count('oidc_flows'), await backend!.count('oidc_codes')], [1, 0]);
  });

  test('a code is taken once, with every field as stored', async ({ records }) => {
    await records!.insertCode(codeRow('code-1', 'acc-1', T0 + 60_000));
    await records!.insertCode(codeRow('code-2', null, T0 + 60_000));
    const taken = await records!.takeCode(secretHash('code-1'), T0);
    assert.equal({ ...taken, code_hash: null }, { ...codeRow('code-1', 'acc-1', T0 + 60_000), code_hash: null });
    assert.is(await records!.takeCode(secretHash('code-1'), T0), null);
    assert.is((await records!.takeCode(secretHash('code-2'), T0))?.account_id, null, 'a link code has no account');
  });

  test('a new account comes with its identity, unless the email or the identity is taken', async ({ backend, records }) => {
    assert.ok(await records!.createAccountWith(account('acc-1', 'ana@example.com'), identity('sub-1', 'acc-1')));
    assert.not.ok(await records!.createAccountWith(account('acc-2', 'ana@example.com'), identity('sub-2', 'acc-2')), 'email taken');
    assert.not.ok(await records!.createAccountWith(account('acc-3', 'cleo@example.com'), identity('sub-1', 'acc-3')), 'identity taken');
    assert.is(await backend!.count('accounts'), 1, 'a refused account leaves nothing');
    assert.is(await backend!.count('identities'), 1);
    assert.equal(await records!.identityOf(ISSUER, 'sub-1'), identity('sub-1', 'acc-1'));
  });

  test('an identity links to one account; its email and name stay current', async ({ records }) => {
    await records!.createAccountWith(account('acc-1', 'ana@example.com'), identity('sub-1', 'acc-1'));
    assert.ok(await records!.linkIdentity(identity('sub-2', 'acc-1')));
    assert.not.ok(await records!.linkIdentity(identity('sub-2', 'acc-9', 'identity-other')), 'linked already');
    await records!.refreshIdentity('identity-sub-2', null, 'Renamed');
    const linked = await records!.identitiesOf('acc-1' as AccountId);
    assert.equal(linked.map((row) => [row.subject, row.email, row.name, row.linked_at]), [
      ['sub-1', 'sub-1@example.com', 'sub-1', T0],
      ['sub-2', 'sub-2@example.com', 'Renamed', T0],
    ]);
    assert.is(await records!.identityOf(ISSUER, 'sub-3'), null);
  });

  test("the account's last way to sign in is not unlinked", async ({ records }) => {
    await records!.createAccountWith(account('acc-1', 'ana@example.com'), identity('sub-1', 'acc-1'));
    await records!.linkIdentity(identity('sub-2', 'acc-1'));
    assert.is(await records!.unlinkIdentity('identity-sub-2', 'acc-9' as AccountId), 'unknown', "another account's identity");
    assert.is(await records!.unlinkIdentity('identity-sub-2', 'acc-1' as AccountId), 'unlinked');
    assert.is(await records!.unlinkIdentity('identity-sub-1', 'acc-1' as AccountId), 'last');
    assert.is(await records!.unlinkIdentity('identity-nope', 'acc-1' as AccountId), 'unknown');
  });

  test('with a password, the only identity may go', async ({ records }) => {
    await records!.createAccountWith(account('acc-1', 'ana@example.com', 'scrypt$stored-hash'), identity('sub-1', 'acc-1'));
    assert.is(await records!.unlinkIdentity('identity-sub-1', 'acc-1' as AccountId), 'unlinked');
  });

  test.run();
}
