// The group commit on PostgreSQL as one server-side function, so a commit is one statement in
// autocommit: one round trip, parsed and planned once per connection (a named prepared
// statement), instead of BEGIN, lock, max, insert, notify and COMMIT from the node.
//
// Guarantees, as before:
// - No deadlock between nodes: the documents' advisory locks are taken in ascending key order
//   (the key, not the name, since two names may share a key); compaction takes one such lock.
// - Sequence numbers are read after the locks are held: each statement of a volatile PL/pgSQL
//   function takes a fresh snapshot, so the INSERT sees every row other nodes committed before
//   the lock was granted.
// - NOTIFY is delivered only when the statement's transaction commits, so no node hears of a row
//   that is not durable. The payload is `<seq> <doc>`, followed by ` <base64 row>` when the
//   document got one row in this commit and it fits, so other nodes need not read it back.
// The rows of one document get consecutive numbers in array order, which is what lets the node
// split one call's result between the appends it merged.
export const UPDATES_CHANNEL = 'ltm_updates' as const;
/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more. */
export const MAX_NOTIFY_PAYLOAD_BYTES = 8000;

export const APPEND_FUNCTION = `
  CREATE OR REPLACE FUNCTION ltm_append(docs TEXT[], datas BYTEA[])
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
      RETURNING doc, seq, data
    ), per_doc AS (
      SELECT i.doc, max(i.seq) AS last, count(*) AS rows, (array_agg(i.data))[1] AS data FROM inserted i GROUP BY i.doc
    )
    SELECT p.doc, p.last FROM per_doc p, LATERAL pg_notify('${UPDATES_CHANNEL}', p.last || ' ' || p.doc || CASE
      WHEN p.rows = 1 AND 24 + octet_length(p.doc) + 4 * ((octet_length(p.data) + 2) / 3) < ${MAX_NOTIFY_PAYLOAD_BYTES}
      THEN ' ' || translate(encode(p.data, 'base64'), chr(10), '') ELSE '' END) AS n;
  END
  $fn$`;

/** The call a node makes per group commit: the rows as parallel arrays, in append order. */
export const APPEND_CALL = {
  name: 'ltm_append',
  text: 'SELECT appended_doc, last_seq FROM ltm_append($1::text[], $2::bytea[])',
} as const;
