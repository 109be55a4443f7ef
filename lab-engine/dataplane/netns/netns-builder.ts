// Small helpers every CNI uses to fill a netns: the loopback device, the kernel's own routes for
// an address (the `proto kernel` subnet route and the local table's `local`/`broadcast` entries)
// and the FIB order `ip route` prints in.

import { formatIPv4, parseCidr, mustParseIPv4 } from '../../kube/ipv4';
import type { Address, Netns, Route } from './types';

export function emptyNetns(id: string, kind: Netns['kind'], node: string, pod?: string, name?: string): Netns {
  return { id, kind, node, ...(pod ? { pod } : {}), ...(name ? { name } : {}), links: [], addresses: [], routes: [], neighbours: [], fdb: [] };
}

export function addLoopback(ns: Netns): void {
  ns.links.push({ ifindex: 1, name: 'lo', kind: 'loopback', flags: ['LOOPBACK', 'UP', 'LOWER_UP'], mtu: 65536, qdisc: 'noqueue', state: 'UNKNOWN', qlen: 1000, mac: '00:00:00:00:00:00' });
  addIPv4(ns, { dev: 'lo', address: '127.0.0.1', prefix: 8, scope: 'host' });
  // The loopback address has no `brd` in `ip addr`, yet the kernel still adds its broadcast route.
  ns.routes.push({ type: 'broadcast', dst: '127.255.255.255/32', dev: 'lo', proto: 'kernel', scope: 'link', src: '127.0.0.1', table: 'local', origin: 'kernel: broadcast of lo' });
  ns.addresses.push({ dev: 'lo', family: 'inet6', address: '::1', prefix: 128, scope: 'host', flags: ['noprefixroute'] });
}

/** Adds an IPv4 address and what the kernel derives from it: the subnet route and local-table entries. */
export function addIPv4(ns: Netns, addr: Omit<Address, 'family'>, opts: { subnetRoute?: boolean } = {}): void {
  ns.addresses.push({ ...addr, family: 'inet' });
  const { network, prefix } = parseCidr(`${addr.address}/${addr.prefix}`);
  if (addr.dev === 'lo') {
    ns.routes.push({ type: 'local', dst: `${formatIPv4(network)}/${prefix}`, dev: 'lo', proto: 'kernel', scope: 'host', src: addr.address, table: 'local', origin: 'kernel: loopback network' });
  }
  if (addr.dev === 'lo' && prefix === 32) return;
  ns.routes.push({ type: 'local', dst: `${addr.address}/32`, dev: addr.dev, proto: 'kernel', scope: 'host', src: addr.address, table: 'local', origin: `kernel: address ${addr.address} on ${addr.dev}` });
  if (addr.broadcast) {
    ns.routes.push({ type: 'broadcast', dst: `${addr.broadcast}/32`, dev: addr.dev, proto: 'kernel', scope: 'link', src: addr.address, table: 'local', origin: `kernel: broadcast of ${addr.dev}` });
  }
  if (opts.subnetRoute !== false && prefix < 32 && addr.dev !== 'lo') {
    ns.routes.push({ type: 'unicast', dst: `${formatIPv4(network)}/${prefix}`, dev: addr.dev, proto: 'kernel', scope: 'link', src: addr.address, table: 'main', origin: `kernel: ${addr.dev} holds ${addr.address}/${prefix}` });
  }
}

/** The order the kernel's FIB trie dumps in: by destination address, then shorter prefix first. */
export function sortRoutes(routes: Route[]): Route[] {
  const key = (r: Route): [number, number] => {
    if (r.dst === 'default') return [0, 0];
    const [ip, bits] = r.dst.split('/');
    return [mustParseIPv4(ip), Number(bits ?? 32)];
  };
  return [...routes].sort((a, b) => {
    if (a.table !== b.table) return a.table === 'main' ? -1 : 1;
    const [an, ap] = key(a);
    const [bn, bp] = key(b);
    return an - bn || ap - bp;
  });
}
