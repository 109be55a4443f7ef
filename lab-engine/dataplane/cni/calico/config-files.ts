// What Calico leaves in /etc/cni/net.d on each node: the calico plugin with host-local IPAM on the
// node's podCIDR (calico.yaml's host-local variant, as the default topology runs it) and the
// portmap and bandwidth chained plugins, as calico-node's install-cni container writes the
// conflist from the calico-config ConfigMap's template; and the veth MTU a pod gets from it.

import { pluginEntries } from '../bridge-ports';

export function calicoConfigFiles(node: { name: string }): Record<string, string> {
  return { '/etc/cni/net.d/10-calico.conflist': `{\n  "name": "k8s-pod-network",\n  "cniVersion": "0.3.1",\n  "plugins": [\n    {\n      "type": "calico",\n      "log_level": "info",\n      "datastore_type": "kubernetes",\n      "nodename": "${node.name}",\n      "mtu": 0,\n      "ipam": {\n        "type": "host-local",\n        "subnet": "usePodCidr"\n      },\n      "policy": {\n        "type": "k8s"\n      },\n      "kubernetes": {\n        "kubeconfig": "/etc/cni/net.d/calico-kubeconfig"\n      }\n    },\n    {\n      "type": "portmap",\n      "snat": true,\n      "capabilities": {"portMappings": true}\n    },\n    {\n      "type": "bandwidth",\n      "capabilities": {"bandwidth": true}\n    }\n  ]\n}\n` };
}

/**
 * The MTU the calico CNI plugin gives a new pod's veth pair: the conflist's `"mtu"` when it is a
 * positive number (calico-config's `veth_mtu`, which install-cni writes there); `0` (calico.yaml's
 * default) means "use what calico-node auto-detected" (the node's NIC MTU less the encapsulation's
 * overhead, from /var/lib/calico/mtu), which is the plugin's default here: undefined.
 * Sources: Calico docs "Configure MTU to maximize network performance" (veth_mtu, auto-detection),
 * projectcalico/calico cni-plugin (NetConf.MTU).
 */
export function calicoVethMtu(config: Record<string, unknown>): number | undefined {
  const mtu = pluginEntries(config).find((p) => p.type === 'calico')?.mtu;
  return typeof mtu === 'number' && Number.isInteger(mtu) && mtu > 0 ? mtu : undefined;
}
