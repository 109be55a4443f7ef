// What flannel (VXLAN backend) plus the CNI bridge plugin program:
// - flannel.1: a VXLAN device, VNI 1, UDP 8472 (the Linux default port), local = node IP, MTU
//   1450 (1500 - 50 B: outer IP 20 + UDP 8 + VXLAN 8 + inner Ethernet 14), holding the node's
//   subnet network address as /32.
// - per other node: `<cidr> via <cidr network> dev flannel.1 onlink`, a permanent neighbour
//   `<cidr network> dev flannel.1 lladdr <remote VTEP MAC>` and an FDB entry `<remote VTEP MAC>
//   dev flannel.1 dst <remote node IP> self permanent` (flannel's vxlan_network.go handles a
//   subnet lease by adding exactly these three).
// - cni0: the bridge the bridge plugin creates on the first pod, gateway .1/24, MTU 1450, and per
//   pod a `vethXXXXXXXX` enslaved to cni0 whose peer is the pod's eth0 (index 3, /24, routes
//   `default via .1` and the cluster CIDR via .1, per flannel's CNI config); see bridge-plugin.ts.
// Sources: flannel pkg/backend/vxlan (route/neigh/fdb per lease), field captures of `ip addr`
// on flannel nodes (`flannel.1 ... mtu 1450`, `inet 10.244.1.0/32 scope global flannel.1`,
// `cni0 ... inet 10.244.1.1/24 brd 10.244.1.255`, `veth05da7209@if3 ... master cni0`) and pods
// (`3: eth0@if12 ... mtu 1450`, `inet 10.244.1.11/24 brd 10.244.1.255 scope global eth0`).

import { formatIPv4, parseCidr } from '../../../kube/ipv4';
import { POD_NETWORK_CIDR } from '../../../core/cluster-plan';
import { addIPv4 } from '../../netns/netns-builder';
import { addBridge, bridgePod, type BridgeConfig } from '../bridge-plugin';
import type { CniNetns } from '../cni-plugin';
import { hostIfindex, type CniClusterView } from '../cluster-view';
import { linkLocalFromMac, randomMac } from '../names';
import { NODE_MTU } from '../node-base';
import type { FlannelBackend } from './settings';

export const VXLAN_OVERHEAD = 50;
export const FLANNEL_MTU = NODE_MTU - VXLAN_OVERHEAD;
export const FLANNEL_VNI = 1;
export const FLANNEL_VXLAN_PORT = 8472;

export function vtepMac(node: string): string {
  return randomMac(`flannel.1/${node}`);
}

/** The MTU flannel gives its devices and writes to subnet.env: the node network's, less the VXLAN headers if it tunnels. */
export function flannelMtu(backend: FlannelBackend): number {
  return backend === 'vxlan' ? FLANNEL_MTU : NODE_MTU;
}

/**
 * `backend`: `vxlan` (the default) or `host-gw`: no tunnel, each node routes the other nodes'
 * subnets via their IPs on the shared L2 network (`<cidr> via <node IP> dev eth0`), MTU stays 1500
 * — which only works while all nodes share one L2 segment (flannel's backend docs).
 */
export function programFlannel(view: CniClusterView, { nodes, pods }: CniNetns, backend: FlannelBackend): void {
  const withPods = new Set(view.pods.map((p) => p.node));
  const mtu = flannelMtu(backend);
  const bridge: BridgeConfig = { bridge: 'cni0', mtu, promisc: false, hairpin: true, extraPodRoutes: [{ dst: POD_NETWORK_CIDR, origin: `flannel CNI config: the cluster network ${POD_NETWORK_CIDR} via the cni0 gateway` }] };
  for (const node of view.nodes) {
    const ns = nodes[node.name];
    const block = parseCidr(node.podCIDR);
    const mac = vtepMac(node.name);
    if (backend === 'host-gw') {
      for (const peer of view.nodes) {
        if (peer.name === node.name || !peer.podCIDR) continue;
        ns.routes.push({ type: 'unicast', dst: peer.podCIDR, via: peer.internalIP, dev: 'eth0', table: 'main', origin: `flannel host-gw: subnet lease of ${peer.name}, routed via its node IP` });
      }
    }
    if (withPods.has(node.name)) addBridge(ns, node.name, node.podCIDR, bridge, backend === 'vxlan' ? 4 : 3);
    if (backend === 'host-gw') continue;
    ns.links.push({ ifindex: 3, name: 'flannel.1', kind: 'vxlan', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: FLANNEL_MTU, qdisc: 'noqueue', state: 'UNKNOWN', qlen: 0, mac, vxlan: { id: FLANNEL_VNI, local: node.internalIP, dev: 'eth0', dstport: FLANNEL_VXLAN_PORT }, encapsulation: { kind: 'vxlan', overheadBytes: VXLAN_OVERHEAD } });
    addIPv4(ns, { dev: 'flannel.1', address: formatIPv4(block.network), prefix: 32, scope: 'global' });
    ns.addresses.push({ dev: 'flannel.1', family: 'inet6', address: linkLocalFromMac(mac), prefix: 64, scope: 'link' });
    for (const peer of view.nodes) {
      if (peer.name === node.name || !peer.podCIDR) continue;
      const remote = formatIPv4(parseCidr(peer.podCIDR).network);
      const remoteMac = vtepMac(peer.name);
      ns.routes.push({ type: 'unicast', dst: peer.podCIDR, via: remote, dev: 'flannel.1', onlink: true, table: 'main', origin: `flannel: subnet lease of ${peer.name}; next hop is its VTEP ${remote}` });
      ns.neighbours.push({ ip: remote, dev: 'flannel.1', lladdr: remoteMac, state: 'PERMANENT' });
      ns.fdb.push({ mac: remoteMac, dev: 'flannel.1', dst: peer.internalIP, self: true, permanent: true });
    }
  }
  for (const pod of view.pods) {
    const host = nodes[pod.node];
    const node = view.nodes.find((n) => n.name === pod.node);
    if (!host || !node) continue;
    pods[pod.key] = bridgePod(pod, host, node.podCIDR, hostIfindex(backend === 'vxlan' ? 5 : 4, node.podCIDR, pod.ip), bridge);
  }
}
