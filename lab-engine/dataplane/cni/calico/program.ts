// What Calico programs (BGP mode, host-local IPAM so each node owns its podCIDR):
// - per pod a veth: host side `cali<11 hex>` with MAC ee:ee:ee:ee:ee:ee and no IPv4 address,
//   a /32 route `<podIP> dev caliXXXX scope link`; pod side eth0 with the pod IP as /32 and the
//   169.254.1.1 trick: `default via 169.254.1.1 dev eth0` + `169.254.1.1 dev eth0 scope link`,
//   answered by proxy ARP on the host side (hence the ee:ee.. neighbour).
// - per other node a BGP-learned route (bird): with IP-in-IP `<cidr> via <nodeIP> dev tunl0
//   proto bird onlink`, without it `<cidr> via <nodeIP> dev eth0 proto bird`; for its own block
//   `blackhole <cidr> proto bird`.
// - IPIP: tunl0@NONE, MTU 1480 (1500 - 20 B outer IP header), holding the node's tunnel address
//   (the first address of its block, /32); the pod and cali* MTU become 1480 too.
// Sources (field captures of real clusters): `ip a`/`route -n` on a Calico IPIP node (tunl0@NONE
// `<NOARP,UP,LOWER_UP> mtu 1480`, `inet 192.168.194.0/32 scope global tunl0`, caliXXX@if4 with
// `link/ether ee:ee:ee:ee:ee:ee`, a `*` (blackhole) route for the local /24); a pod's `ip route`
// (`default via 169.254.1.1 dev eth0` / `169.254.1.1 dev eth0 scope link`, eth0 address /32).

import { parseCidr, formatIPv4 } from '../../../kube/ipv4';
import { addIPv4, addLoopback, emptyNetns } from '../../netns/netns-builder';
import type { Netns } from '../../netns/types';
import type { CniNetns } from '../cni-plugin';
import { hostIfindex, type CniClusterView, type PodView } from '../cluster-view';
import { linkLocalFromMac, podNetnsName, randomMac } from '../names';
import { NODE_MTU } from '../node-base';
import { calicoVethName } from './veth-name';
import { holdsRouteTo } from './bgp-mesh';
import { programWireguard } from './wireguard';

export const CALICO_HOST_MAC = 'ee:ee:ee:ee:ee:ee';
export const CALICO_GATEWAY = '169.254.1.1';
export const IPIP_OVERHEAD = 20;

export function programCalico(view: CniClusterView, { nodes, pods }: CniNetns, ipip: boolean): void {
  const mtu = ipip ? NODE_MTU - IPIP_OVERHEAD : NODE_MTU;
  // Per node, the pods' MTU: Felix writes the smallest of the overlays in use (WireGuard's −60 wins over IP-in-IP's −20).
  const podMtu: Record<string, number> = {};
  for (const node of view.nodes) {
    const ns = nodes[node.name];
    const block = parseCidr(node.podCIDR);
    if (ipip) {
      ns.links.push({ ifindex: 3, name: 'tunl0', kind: 'ipip', atNone: true, flags: ['NOARP', 'UP', 'LOWER_UP'], mtu, qdisc: 'noqueue', state: 'UNKNOWN', qlen: 1000, mac: '0.0.0.0', encapsulation: { kind: 'ipip', overheadBytes: IPIP_OVERHEAD } });
      addIPv4(ns, { dev: 'tunl0', address: formatIPv4(block.network), prefix: 32, scope: 'global' });
    }
    // Created after the node's pods' veths (their indexes come from the block's addresses), so past them.
    const wgMtu = programWireguard(view, ns, node.name, hostIfindex(ipip ? 4 : 3, node.podCIDR, formatIPv4(block.network + block.size - 1)) + 1);
    podMtu[node.name] = Math.min(mtu, wgMtu ?? mtu);
    ns.routes.push({ type: 'blackhole', dst: node.podCIDR, proto: 'bird', table: 'main', origin: `calico (bird): this node's own block ${node.podCIDR}; addresses in it without a pod are dropped` });
    for (const peer of view.nodes) {
      // No Established session with the peer's BIRD: no route to its block (bgp-mesh.ts).
      if (peer.name === node.name || !peer.podCIDR || !holdsRouteTo(view, node.name, peer.name)) continue;
      ns.routes.push(ipip
        ? { type: 'unicast', dst: peer.podCIDR, via: peer.internalIP, dev: 'tunl0', proto: 'bird', onlink: true, table: 'main', origin: `calico (bird): BGP route to ${peer.name}'s block, IP-in-IP through tunl0` }
        : { type: 'unicast', dst: peer.podCIDR, via: peer.internalIP, dev: 'eth0', proto: 'bird', table: 'main', origin: `calico (bird): BGP route to ${peer.name}'s block` });
    }
  }
  for (const pod of view.pods) {
    const host = nodes[pod.node];
    const node = view.nodes.find((n) => n.name === pod.node);
    if (!host || !node) continue;
    pods[pod.key] = calicoPod(pod, host, hostIfindex(ipip ? 4 : 3, node.podCIDR, pod.ip), podMtu[node.name] ?? mtu, ipip);
  }
}

function calicoPod(pod: PodView, host: Netns, hostIfindex: number, mtu: number, ipip: boolean): Netns {
  const veth = calicoVethName(pod.namespace, pod.name);
  const netnsName = podNetnsName(pod.uid);
  const ns = emptyNetns(`pod/${pod.key}`, 'pod', pod.node, pod.key, netnsName);
  addLoopback(ns);
  // With the ipip module loaded every new netns gets a tunl0 (down); eth0 then comes after it.
  const eth0Index = ipip ? 4 : 2;
  if (ipip) ns.links.push({ ifindex: 2, name: 'tunl0', kind: 'ipip', atNone: true, flags: ['NOARP'], mtu: NODE_MTU - IPIP_OVERHEAD, qdisc: 'noop', state: 'DOWN', qlen: 1000, mac: '0.0.0.0' });
  const podMac = randomMac(`pod-eth0/${pod.uid}`);
  ns.links.push({ ifindex: eth0Index, name: 'eth0', kind: 'veth', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu, qdisc: 'noqueue', state: 'UP', qlen: 1000, mac: podMac, peer: { netns: host.id, ifindex: hostIfindex, name: veth }, linkNetns: { id: 0 } });
  addIPv4(ns, { dev: 'eth0', address: pod.ip, prefix: 32, scope: 'global' });
  ns.addresses.push({ dev: 'eth0', family: 'inet6', address: linkLocalFromMac(podMac), prefix: 64, scope: 'link' });
  ns.routes.push({ type: 'unicast', dst: 'default', via: CALICO_GATEWAY, dev: 'eth0', table: 'main', origin: 'calico CNI: every packet leaves through 169.254.1.1, a gateway that exists only as proxy ARP on the host side' });
  ns.routes.push({ type: 'unicast', dst: `${CALICO_GATEWAY}/32`, dev: 'eth0', scope: 'link', table: 'main', origin: 'calico CNI: makes the fake gateway reachable on eth0' });
  ns.neighbours.push({ ip: CALICO_GATEWAY, dev: 'eth0', lladdr: CALICO_HOST_MAC, state: 'REACHABLE' });

  host.links.push({ ifindex: hostIfindex, name: veth, kind: 'veth', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu, qdisc: 'noqueue', state: 'UP', qlen: 1000, mac: CALICO_HOST_MAC, peer: { netns: ns.id, ifindex: eth0Index, name: 'eth0' }, linkNetns: { name: netnsName } });
  host.addresses.push({ dev: veth, family: 'inet6', address: linkLocalFromMac(CALICO_HOST_MAC), prefix: 64, scope: 'link' });
  host.routes.push({ type: 'unicast', dst: `${pod.ip}/32`, dev: veth, scope: 'link', table: 'main', origin: `calico (felix): pod ${pod.key} lives behind ${veth}` });
  host.neighbours.push({ ip: pod.ip, dev: veth, lladdr: podMac, state: 'REACHABLE' });
  return ns;
}
