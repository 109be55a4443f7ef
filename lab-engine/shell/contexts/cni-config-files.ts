// The files a CNI leaves on each node: its conflist under /etc/cni/net.d (what the container
// runtime hands pods to), and flannel's /run/flannel/subnet.env (the node's lease).
// - calico: the calico plugin with host-local IPAM on the node's podCIDR (calico.yaml's
//   host-local variant) and the portmap and bandwidth chained plugins;
// - flannel: the flannel plugin delegating to bridge (cni0), as kube-flannel.yml ships it; the
//   subnet.env MTU is the backend's (1450 with VXLAN, 1500 with host-gw);
// - kubenet: the bridge plugin on cbr0 with host-local on the podCIDR, promiscuous mode and a
//   0.0.0.0/0 route, then portmap marking with KUBE-MARK-MASQ — the config kubenet generated
//   (kubenet_linux.go's template), written out the way clouds that keep kubenet ship it.

import { POD_NETWORK_CIDR } from '../../core/cluster-plan';
import { formatIPv4, parseCidr } from '../../kube/ipv4';
import type { TopologyOptions } from '../../core/topology';
import { FLANNEL_MTU } from '../../dataplane/cni/flannel';
import { CLOUD_VPC_MTU, KUBENET_BRIDGE } from '../../dataplane/cni/kubenet';

export type CniTopology = Pick<TopologyOptions, 'cni' | 'flannelBackend'>;

export function cniConfigFiles(node: { name: string; podCIDR: string }, topology: CniTopology): Record<string, string> {
  switch (topology.cni) {
    case 'calico':
      return { '/etc/cni/net.d/10-calico.conflist': `{\n  "name": "k8s-pod-network",\n  "cniVersion": "0.3.1",\n  "plugins": [\n    {\n      "type": "calico",\n      "log_level": "info",\n      "datastore_type": "kubernetes",\n      "nodename": "${node.name}",\n      "mtu": 0,\n      "ipam": {\n        "type": "host-local",\n        "subnet": "usePodCidr"\n      },\n      "policy": {\n        "type": "k8s"\n      },\n      "kubernetes": {\n        "kubeconfig": "/etc/cni/net.d/calico-kubeconfig"\n      }\n    },\n    {\n      "type": "portmap",\n      "snat": true,\n      "capabilities": {"portMappings": true}\n    },\n    {\n      "type": "bandwidth",\n      "capabilities": {"bandwidth": true}\n    }\n  ]\n}\n` };
    case 'flannel': {
      const block = parseCidr(node.podCIDR);
      const mtu = topology.flannelBackend === 'host-gw' ? 1500 : FLANNEL_MTU;
      return {
        '/etc/cni/net.d/10-flannel.conflist': `{\n  "name": "cbr0",\n  "cniVersion": "0.3.1",\n  "plugins": [\n    {\n      "type": "flannel",\n      "delegate": {\n        "hairpinMode": true,\n        "isDefaultGateway": true\n      }\n    },\n    {\n      "type": "portmap",\n      "capabilities": {\n        "portMappings": true\n      }\n    }\n  ]\n}\n`,
        '/run/flannel/subnet.env': `FLANNEL_NETWORK=${POD_NETWORK_CIDR}\nFLANNEL_SUBNET=${formatIPv4(block.network + 1)}/${block.prefix}\nFLANNEL_MTU=${mtu}\nFLANNEL_IPMASQ=true\n`,
      };
    }
    case 'kubenet':
      return { '/etc/cni/net.d/10-kubenet.conflist': kubenetConflist(node.podCIDR) };
    default: {
      const never: never = topology.cni;
      throw new Error(`unknown CNI ${String(never)}`);
    }
  }
}

function kubenetConflist(podCIDR: string): string {
  return `{
  "cniVersion": "0.3.1",
  "name": "kubenet",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "${KUBENET_BRIDGE}",
      "mtu": ${CLOUD_VPC_MTU},
      "addIf": "eth0",
      "isGateway": true,
      "ipMasq": false,
      "promiscMode": true,
      "hairpinMode": false,
      "ipam": {
        "type": "host-local",
        "ranges": [[{"subnet": "${podCIDR}"}]],
        "routes": [{"dst": "0.0.0.0/0"}]
      }
    },
    {
      "type": "portmap",
      "capabilities": {"portMappings": true},
      "externalSetMarkChain": "KUBE-MARK-MASQ"
    }
  ]
}
`;
}
