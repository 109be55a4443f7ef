// What flannel adds to a fresh cluster's Nodes: flanneld's kube subnet manager annotates each
// Node with its lease (backend type, backend data: the VTEP's MAC with VXLAN, `null` with host-gw,
// and the node's public IP), and clears NetworkUnavailable once it runs (reason FlannelIsUp).
// kube-flannel.yml's DaemonSet (namespace kube-flannel) is not modelled yet.
// Sources: flannel pkg/subnet/kube (the flannel.alpha.coreos.com/* annotations, FlannelIsUp
// "Flannel is running on this node"), field captures of `kubectl describe node` on flannel clusters.

import type { NetworkAddon } from '../../../cluster/bootstrap/network-addon';
import type { FlannelBackend } from './settings';
import { FLANNEL_VNI, vtepMac } from './program';

export function flannelAddon(backend: FlannelBackend): NetworkAddon {
  return {
    daemonSets: [],
    deployments: [],
    nodeAnnotations: (node) => ({
      'flannel.alpha.coreos.com/backend-data': backend === 'vxlan' ? `{"VNI":${FLANNEL_VNI},"VtepMAC":"${vtepMac(node.name)}"}` : 'null',
      'flannel.alpha.coreos.com/backend-type': backend,
      'flannel.alpha.coreos.com/kube-subnet-manager': 'true',
      'flannel.alpha.coreos.com/public-ip': node.internalIP,
    }),
    nodeCondition: (at) => ({ lastHeartbeatTime: at, lastTransitionTime: at, message: 'Flannel is running on this node', reason: 'FlannelIsUp', status: 'False', type: 'NetworkUnavailable' }),
  };
}
