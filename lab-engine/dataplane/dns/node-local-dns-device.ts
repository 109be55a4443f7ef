// The dummy interface node-cache makes on its node (kubernetes/dns pkg/netif, EnsureDummyDevice;
// `-interfacename nodelocaldns`, `-setupinterface` true by default) and binds each `-localip` to.
// It stays DOWN and NOARP, as `ip addr` shows on real nodes:
//   nodelocaldns: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default
//       inet 169.254.20.10/32 brd 169.254.20.10 scope global nodelocaldns
// An address on a device that is down still gets its `local` route in the local table
// (fib_add_ifaddr adds it before it checks IFF_UP; the broadcast route comes only once up), so the
// node accepts packets for the addresses and the cache's sockets bound to them answer.

import { randomMac } from '../cni/names';
import type { Netns } from '../netns/types';

/** node-cache's `-interfacename` default. */
export const NODE_LOCAL_DNS_DEVICE = 'nodelocaldns';

export function addNodeLocalDnsDevice(ns: Netns, addresses: readonly string[]): void {
  if (!addresses.length) return;
  const ifindex = Math.max(0, ...ns.links.map((l) => l.ifindex)) + 1;
  ns.links.push({ ifindex, name: NODE_LOCAL_DNS_DEVICE, kind: 'dummy', flags: ['BROADCAST', 'NOARP'], mtu: 1500, qdisc: 'noop', state: 'DOWN', qlen: 0, mac: randomMac(`${NODE_LOCAL_DNS_DEVICE}/${ns.id}`) });
  for (const address of addresses) {
    // netlink's AddrAdd fills in the broadcast of an IPv4 address: for a /32, the address itself.
    ns.addresses.push({ dev: NODE_LOCAL_DNS_DEVICE, family: 'inet', address, prefix: 32, broadcast: address, scope: 'global' });
    ns.routes.push({ type: 'local', dst: `${address}/32`, dev: NODE_LOCAL_DNS_DEVICE, proto: 'kernel', scope: 'host', src: address, table: 'local', origin: `kernel: address ${address} on ${NODE_LOCAL_DNS_DEVICE} (NodeLocal DNSCache)` });
  }
}
