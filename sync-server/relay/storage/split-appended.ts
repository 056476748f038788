// Several appends merged into one commit get back what each would have got alone: a document's
// rows in one commit take consecutive sequence numbers in call order, so from the commit's last
// sequence number per document and the row counts, each call's last sequence number follows.
import type { AppendBatch } from './document-store.ts';

export function splitAppended(calls: readonly (readonly AppendBatch[])[], lastSeqs: ReadonlyMap<string, number>): Map<string, number>[] {
  const rowsOf = new Map<string, number>();
  for (const batches of calls) for (const batch of batches) rowsOf.set(batch.doc, (rowsOf.get(batch.doc) ?? 0) + batch.updates.length);
  // The sequence number before this commit's first row of each document.
  const seq = new Map([...rowsOf].map(([doc, rows]) => [doc, (lastSeqs.get(doc) ?? 0) - rows]));
  return calls.map((batches) => {
    const result = new Map<string, number>();
    for (const batch of batches) {
      const last = seq.get(batch.doc)! + batch.updates.length;
      seq.set(batch.doc, last);
      result.set(batch.doc, last);
    }
    return result;
  });
}
