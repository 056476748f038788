// The group commit on PostgreSQL as one server-side function, so a commit is one statement in
// autocommit: one round trip, parsed and planned once per connection (a named prepared
// statement), instead of BEGIN, lock, max, insert and COMMIT from the node.
//
// Guarantees:
// - No deadlock between nodes: the documents' advisory locks are taken in ascending key order
//   (the key, not the name, since two names may share a key); compaction takes one such lock.
// - Sequence numbers are read after the locks are held: each statement of a volatile PL/pgSQL
//   function takes a fresh snapshot, so the INSERT sees every row other nodes committed before
//   the lock was granted.
// - It does not NOTIFY. A transaction that notifies holds a cluster-wide lock from before its
//   commit record until after its fsync, so notifying commits run one fsync at a time across all
//   nodes. The node notifies after the commit instead (postgres-commit-notifier.ts).
// The rows of one document get consecutive numbers in array order, which is what lets the node
// split one call's result between the appends it merged. (`ltm_append`, which notified inside
// the commit, is left to nodes of earlier versions during a rolling upgrade.)
export const APPEND_FUNCTION = `
  CREATE OR REPLACE FUNCTION ltm_append_rows(docs TEXT[], datas BYTEA[])
  RETURNS TABLE (appended_doc TEXT, last_seq BIGINT)
  LANGUAGE plpgsql AS $fn$
  DECLARE
    lock_key BIGINT;
  BEGIN
    FOR lock_key IN SELECT DISTINCT hashtextextended(d, 0) FROM unnest(docs) AS d ORDER BY 1 LOOP
      PERFORM pg_advisory_xact_lock(lock_key);
    END LOOP;
    RETURN QUERY
    WITH inserted AS (
      INSERT INTO ltm_updates (doc, seq, data)
      SELECT u.d, coalesce(m.last, 0) + row_number() OVER (PARTITION BY u.d ORDER BY u.ord), u.data
      FROM unnest(docs, datas) WITH ORDINALITY AS u(d, data, ord)
      LEFT JOIN LATERAL (SELECT max(t.seq) AS last FROM ltm_updates t WHERE t.doc = u.d) AS m ON true
      RETURNING doc, seq
    )
    SELECT i.doc, max(i.seq) FROM inserted i GROUP BY i.doc;
  END
  $fn$`;

/** The call a node makes per group commit: the rows as parallel arrays, in append order. */
export const APPEND_CALL = {
  name: 'ltm_append_rows',
  text: 'SELECT appended_doc, last_seq FROM ltm_append_rows($1::text[], $2::bytea[])',
} as const;
