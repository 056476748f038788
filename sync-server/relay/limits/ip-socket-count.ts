// Sockets held open per IP address (the rate of new ones is IpConnectionLimiter's). A slot is
// taken at the upgrade and given back when the TCP connection closes, whatever ended it, so a
// peer that ignores close frames keeps its slots until the relay drops it. Keyed like the rate
// limiter: the socket address, or the forwarded one only from a trusted proxy.
import type { Duplex } from 'node:stream';

export class IpSocketCount {
  readonly #open = new Map<string, number>();
  readonly #max: number;

  constructor(maxPerIp: number) {
    this.#max = maxPerIp;
  }

  /** Takes a slot for the socket (freed when it closes); false when the address has none left. */
  hold(ip: string, socket: Duplex): boolean {
    const open = this.#open.get(ip) ?? 0;
    if (open >= this.#max) return false;
    this.#open.set(ip, open + 1);
    socket.once('close', () => {
      const left = (this.#open.get(ip) ?? 1) - 1;
      if (left > 0) this.#open.set(ip, left);
      else this.#open.delete(ip);
    });
    return true;
  }

  openFrom(ip: string): number {
    return this.#open.get(ip) ?? 0;
  }
}
