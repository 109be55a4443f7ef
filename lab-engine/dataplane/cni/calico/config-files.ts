// What Calico leaves in /etc/cni/net.d on each node: the calico plugin with host-local IPAM on the
// node's podCIDR (calico.yaml's host-local variant, as the default topology runs it) and the
// portmap and bandwidth chained plugins, as calico-node's install-cni container writes the
// conflist from the calico-config ConfigMap's template.

export function calicoConfigFiles(node: { name: string }): Record<string, string> {
  return { '/etc/cni/net.d/10-calico.conflist': `{\n  "name": "k8s-pod-network",\n  "cniVersion": "0.3.1",\n  "plugins": [\n    {\n      "type": "calico",\n      "log_level": "info",\n      "datastore_type": "kubernetes",\n      "nodename": "${node.name}",\n      "mtu": 0,\n      "ipam": {\n        "type": "host-local",\n        "subnet": "usePodCidr"\n      },\n      "policy": {\n        "type": "k8s"\n      },\n      "kubernetes": {\n        "kubeconfig": "/etc/cni/net.d/calico-kubeconfig"\n      }\n    },\n    {\n      "type": "portmap",\n      "snat": true,\n      "capabilities": {"portMappings": true}\n    },\n    {\n      "type": "bandwidth",\n      "capabilities": {"bandwidth": true}\n    }\n  ]\n}\n` };
}
