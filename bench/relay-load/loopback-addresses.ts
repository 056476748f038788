// Where each load client connects from: 2,000 clients from one address would meet the per-IP
// limits (and are not what a relay sees), so clients come from many loopback addresses
// (127.0.0.0/8 is all loopback on Linux), a few dozen per address like people behind one office
// NAT. Within the relay's default per-IP limits, so the runs keep them.
export const CLIENTS_PER_ADDRESS = 20;

export function loopbackAddress(clientIndex: number): string {
  const host = 1 + Math.floor(clientIndex / CLIENTS_PER_ADDRESS);
  return `127.0.${Math.floor(host / 250)}.${1 + (host % 250)}`;
}
