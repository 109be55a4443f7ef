// What the reference CNI `bridge` plugin with `host-local` IPAM programs, for the plugins in the
// table that delegate to it (each names its bridge, e.g. cni0 or cbr0, and its MTU):
// - the bridge, created with the node's first pod, holding the gateway (.1 of the node's podCIDR)
//   because of `isGateway: true`, with the MTU the caller passes;
// - per pod a host-side `vethXXXXXXXX` enslaved to the bridge, whose peer is the pod's eth0
//   (ifindex 3, the pod IP with the podCIDR's prefix) and the routes host-local hands out: the
//   default route via the gateway, plus whatever extra routes the caller's config lists.
// Sources: containernetworking/plugins bridge (`isGateway`, `promiscMode`, `ip.RandomVethName`),
// host-local (`routes`), and the field captures cited by the plugins that use it.

import { formatIPv4, parseCidr } from '../../kube/ipv4';
import { addIPv4, addLoopback, emptyNetns } from '../netns/netns-builder';
import type { Netns } from '../netns/types';
import type { PodView } from './cluster-view';
import { bridgeVethName, linkLocalFromMac, podNetnsName, randomMac } from './names';

export interface BridgeConfig {
  /** The bridge's name: `cni0`, `cbr0`... */
  bridge: string;
  mtu: number;
  /** `promiscMode: true` puts the bridge in promiscuous mode: `ip link` shows PROMISC. */
  promisc: boolean;
  /** `hairpinMode` of the plugin's shipped config: the pod's veth port's hairpin_mode unless the node's config says otherwise. */
  hairpin: boolean;
  /** Routes host-local hands the pod after the default route, e.g. the cluster CIDR via the gateway. */
  extraPodRoutes: { dst: string; origin: string }[];
}

/** The bridge, created by the plugin with the first pod on the node: gateway .1 of the node's subnet. */
export function addBridge(ns: Netns, node: string, podCIDR: string, config: BridgeConfig, ifindex: number): void {
  const block = parseCidr(podCIDR);
  const brMac = randomMac(`${config.bridge}/${node}`);
  const flags = config.promisc ? ['BROADCAST', 'MULTICAST', 'PROMISC', 'UP', 'LOWER_UP'] : ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'];
  ns.links.push({ ifindex, name: config.bridge, kind: 'bridge', flags, mtu: config.mtu, qdisc: 'noqueue', state: 'UP', qlen: 1000, mac: brMac });
  addIPv4(ns, { dev: config.bridge, address: formatIPv4(block.network + 1), prefix: block.prefix, broadcast: formatIPv4(block.network + block.size - 1), scope: 'global' });
  ns.addresses.push({ dev: config.bridge, family: 'inet6', address: linkLocalFromMac(brMac), prefix: 64, scope: 'link' });
  ns.fdb.push({ mac: brMac, dev: config.bridge, vlan: 1, master: config.bridge, permanent: true });
  ns.fdb.push({ mac: brMac, dev: config.bridge, master: config.bridge, permanent: true });
}

/** The pod's netns and its veth into the bridge on `host`. */
export function bridgePod(pod: PodView, host: Netns, podCIDR: string, hostIfindex: number, config: BridgeConfig): Netns {
  const block = parseCidr(podCIDR);
  const gateway = formatIPv4(block.network + 1);
  const veth = bridgeVethName(pod.uid);
  const netnsName = podNetnsName(pod.uid);
  const ns = emptyNetns(`pod/${pod.key}`, 'pod', pod.node, pod.key, netnsName);
  addLoopback(ns);
  const podMac = randomMac(`pod-eth0/${pod.uid}`);
  const vethMac = randomMac(`veth/${pod.uid}`);
  const { bridge, mtu } = config;
  ns.links.push({ ifindex: 3, name: 'eth0', kind: 'veth', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu, qdisc: 'noqueue', state: 'UP', qlen: 1000, mac: podMac, peer: { netns: host.id, ifindex: hostIfindex, name: veth }, linkNetns: { id: 0 } });
  addIPv4(ns, { dev: 'eth0', address: pod.ip, prefix: block.prefix, broadcast: formatIPv4(block.network + block.size - 1), scope: 'global' });
  ns.addresses.push({ dev: 'eth0', family: 'inet6', address: linkLocalFromMac(podMac), prefix: 64, scope: 'link' });
  ns.routes.push({ type: 'unicast', dst: 'default', via: gateway, dev: 'eth0', table: 'main', origin: `bridge CNI: default route to the ${bridge} gateway ${gateway}` });
  for (const extra of config.extraPodRoutes) ns.routes.push({ type: 'unicast', dst: extra.dst, via: gateway, dev: 'eth0', table: 'main', origin: extra.origin });
  ns.neighbours.push({ ip: gateway, dev: 'eth0', lladdr: host.links.find((l) => l.name === bridge)?.mac, state: 'REACHABLE' });

  host.links.push({ ifindex: hostIfindex, name: veth, kind: 'veth', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu, qdisc: 'noqueue', state: 'UP', qlen: 1000, mac: vethMac, master: bridge, hairpin: config.hairpin, peer: { netns: ns.id, ifindex: 3, name: 'eth0' }, linkNetns: { name: netnsName } });
  host.addresses.push({ dev: veth, family: 'inet6', address: linkLocalFromMac(vethMac), prefix: 64, scope: 'link' });
  host.neighbours.push({ ip: pod.ip, dev: bridge, lladdr: podMac, state: 'REACHABLE' });
  host.fdb.push({ mac: podMac, dev: veth, master: bridge, permanent: false });
  host.fdb.push({ mac: vethMac, dev: veth, vlan: 1, master: bridge, permanent: true });
  host.fdb.push({ mac: vethMac, dev: veth, master: bridge, permanent: true });
  return ns;
}
