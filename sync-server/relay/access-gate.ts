// The seam between the sync transport and access control. The transport (server, rooms) knows
// nothing of accounts or tokens: it asks the gate whether a socket may open a document, forwards
// /api/* requests to it, and closes sockets whose grant the gate later revokes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as Y from 'yjs';
import type { CloseCodeValue } from '../../wire/close-codes.ts';

import type { Role } from '../../wire/roles.ts';
export { REVOKED_TOKEN_PREFIX, SocketRefusal, type SocketRefusalReason } from '../../wire/socket-refusals.ts';

export type { Role };

export interface SocketGrant {
  readonly doc: string;
  readonly role: Role;
  /** Keys such as `share:<id>`, `session:<id>`, `account:<id>`, `meeting:<id>`; revoking one
   *  closes the socket. */
  readonly revocationKeys: readonly string[];
}

export type SocketDecision =
  | { readonly ok: true; readonly grant: SocketGrant }
  | { readonly ok: false; readonly code: CloseCodeValue; readonly reason: string };

/** A room's watch over its doc for erased content (AccessGate.watchErasures). */
export interface ErasureWatch {
  /** A compaction replaced every stored row by one snapshot of the doc as it is now. */
  compacted(): void;
  stop(): void;
}

export interface AccessGate {
  /**
   * May answer later (the records may live in another process). A revocation whose key fires
   * while a decision is pending still wins: the transport refuses that socket with 4401 when the
   * grant it gets holds the key, so an await here never lets a revoked grant through.
   */
  authorizeSocket(doc: string, token: string | null, now: number): SocketDecision | Promise<SocketDecision>;
  /** Handles an /api/* (other than /api/time) or /auth/* request. Resolves false when the route is unknown. */
  handleHttp(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean>;
  /** Called with a revocation key whenever a share, session or account is revoked or deleted. */
  onRevoked(listener: (key: string) => void): () => void;
  /**
   * Called with the documents of a deleted account or meeting after their sockets were revoked
   * and before the documents are removed from the store. The transport should retire their rooms
   * (no further append or compaction) and resolve once that is done, so nothing writes a deleted
   * document back.
   */
  onDeletingDocuments?(listener: (docs: readonly string[]) => Promise<void> | void): () => void;
  /**
   * Called when revocations may have been missed (another node's notices were lost while this
   * node's listener was away). The transport should ask authorizeSocket again for every open
   * socket, with the time it was admitted (an expired token keeps its socket, as always), and
   * close those now refused.
   */
  onRecheck?(listener: () => void): () => void;
  /**
   * For each document a room loads: calls `erased` when the stored rows may still carry content
   * the store should not keep (a library's entries deleted for good), at the load or after a
   * transaction that removed some; the room then compacts its stored log at once instead of when
   * it grows past its limits, and tells the watch when a compaction replaced every row.
   */
  watchErasures?(doc: string, ydoc: Y.Doc, erased: () => void): ErasureWatch;
  close(): void;
}
