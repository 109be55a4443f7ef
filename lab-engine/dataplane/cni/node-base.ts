// A node's root netns before any CNI touches it: lo and eth0 on the nodes' shared L2 network
// (172.18.0.0/16, gateway 172.18.0.1, as on a kind/docker network), the default route and the
// neighbours a node that talks to its peers has resolved.

import { formatIPv4, parseCidr } from '../../kube/ipv4';
import { addIPv4, addLoopback, emptyNetns } from '../netns/netns-builder';
import type { Netns } from '../netns/types';
import { linkLocalFromMac, randomMac } from './names';
import type { NodeView } from './cluster-view';

export const NODE_NETWORK_PREFIX = 16;
export const NODE_GATEWAY = '172.18.0.1';
export const NODE_MTU = 1500;

export function nodeMac(node: string): string {
  return randomMac(`node-eth0/${node}`);
}

/** `mtu`: the node network's MTU (1500 on a docker/kind network; a cloud VPC may say otherwise). */
export function buildNodeBase(node: NodeView, peers: NodeView[], mtu = NODE_MTU): Netns {
  const ns = emptyNetns(`node/${node.name}`, 'node', node.name);
  addLoopback(ns);
  const mac = nodeMac(node.name);
  ns.links.push({ ifindex: 2, name: 'eth0', kind: 'ether', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu, qdisc: 'fq_codel', state: 'UP', qlen: 1000, mac });
  const { network, size } = parseCidr(`${node.internalIP}/${NODE_NETWORK_PREFIX}`);
  addIPv4(ns, { dev: 'eth0', address: node.internalIP, prefix: NODE_NETWORK_PREFIX, broadcast: formatIPv4(network + size - 1), scope: 'global' });
  ns.addresses.push({ dev: 'eth0', family: 'inet6', address: linkLocalFromMac(mac), prefix: 64, scope: 'link' });
  ns.routes.push({ type: 'unicast', dst: 'default', via: NODE_GATEWAY, dev: 'eth0', table: 'main', origin: 'the node\'s default gateway' });
  ns.neighbours.push({ ip: NODE_GATEWAY, dev: 'eth0', lladdr: randomMac('gateway'), state: 'REACHABLE' });
  for (const peer of peers) {
    if (peer.name !== node.name) ns.neighbours.push({ ip: peer.internalIP, dev: 'eth0', lladdr: nodeMac(peer.name), state: 'REACHABLE' });
  }
  ns.fdb.push({ mac: '33:33:00:00:00:01', dev: 'eth0', self: true, permanent: true });
  ns.fdb.push({ mac: '01:00:5e:00:00:01', dev: 'eth0', self: true, permanent: true });
  return ns;
}
