// The access gate's decision on a socket must come within the auth deadline. A gate on a database
// that is slow or away would otherwise keep each waiting socket, and the frames it holds, for as
// long as the database takes; past the deadline the socket is closed as a failed authorization
// (1011, which stock clients retry) and the decision, whenever it comes, is ignored.
import type { SocketDecision } from '../access-gate.ts';
import { AuthorizationTimeoutError } from '../errors.ts';

export async function withinDeadline(decision: SocketDecision | Promise<SocketDecision>, deadlineMs: number): Promise<SocketDecision> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AuthorizationTimeoutError(`no access decision within ${deadlineMs} ms`)), deadlineMs);
  });
  try {
    return await Promise.race([decision, late]);
  } finally {
    clearTimeout(timer);
  }
}
