// What flannel leaves on each node: the conflist kube-flannel.yml's install-cni container copies
// to /etc/cni/net.d (the flannel plugin delegating to bridge on cni0), and flanneld's
// /run/flannel/subnet.env, the node's lease, which the flannel CNI plugin reads at every pod: the
// cluster network, the node's subnet with its gateway, and the backend's MTU (1450 with VXLAN,
// 1500 with host-gw).

import { POD_NETWORK_CIDR } from '../../../core/cluster-plan';
import { formatIPv4, parseCidr } from '../../../kube/ipv4';
import { hairpinModeOf, pluginEntries } from '../bridge-ports';

/** kube-flannel-cfg's cni-conf.json, which the install-cni init container copies to /etc/cni/net.d. */
export const FLANNEL_CONFLIST = `{\n  "name": "cbr0",\n  "cniVersion": "0.3.1",\n  "plugins": [\n    {\n      "type": "flannel",\n      "delegate": {\n        "hairpinMode": true,\n        "isDefaultGateway": true\n      }\n    },\n    {\n      "type": "portmap",\n      "capabilities": {\n        "portMappings": true\n      }\n    }\n  ]\n}\n`;

export function flannelConfigFiles(node: { podCIDR: string }, mtu: number): Record<string, string> {
  const block = parseCidr(node.podCIDR);
  return {
    '/etc/cni/net.d/10-flannel.conflist': FLANNEL_CONFLIST,
    '/run/flannel/subnet.env': `FLANNEL_NETWORK=${POD_NETWORK_CIDR}\nFLANNEL_SUBNET=${formatIPv4(block.network + 1)}/${block.prefix}\nFLANNEL_MTU=${mtu}\nFLANNEL_IPMASQ=true\n`,
  };
}

/**
 * The flannel CNI plugin hands its `delegate` to the bridge plugin (type bridge unless it says
 * otherwise), adding only what it leaves unset (isGateway, mtu, ipam), never hairpinMode: so the
 * delegate's `hairpinMode` is the port's, and without it hairpin is off
 * (flannel-io/cni-plugin flannel_linux.go, doCmdAdd).
 */
export function flannelBridgeHairpin(config: Record<string, unknown>): boolean {
  const entry = pluginEntries(config).find((p) => p.type === 'flannel');
  const delegate = entry?.delegate;
  return hairpinModeOf(delegate && typeof delegate === 'object' && !Array.isArray(delegate) ? (delegate as Record<string, unknown>) : undefined);
}
