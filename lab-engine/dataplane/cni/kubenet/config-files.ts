// What kubenet leaves in /etc/cni/net.d: the bridge plugin on cbr0 with host-local on the
// podCIDR, promiscuous mode and a 0.0.0.0/0 route, then portmap marking with KUBE-MARK-MASQ — the
// config kubenet generated (kubenet_linux.go's template), written out the way clouds that keep
// kubenet ship it.

import { CLOUD_VPC_MTU, KUBENET_BRIDGE } from './program';

export function kubenetConfigFiles(node: { podCIDR: string }): Record<string, string> {
  return { '/etc/cni/net.d/10-kubenet.conflist': kubenetConflist(node.podCIDR) };
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
