// What kubenet adds to a fresh cluster: no DaemonSet (it is the kubelet's own network plugin) and
// no annotation; kube-controller-manager's route controller, once the cloud route to a node's
// podCIDR exists, clears the node's NetworkUnavailable condition (pkg/controller/route:
// RouteCreated, "RouteController created a route").

import type { NetworkAddon } from '../../../cluster/bootstrap/network-addon';

export function kubenetAddon(): NetworkAddon {
  return {
    daemonSets: [],
    deployments: [],
    nodeAnnotations: () => ({}),
    cloudRoutes: true,
    nodeCondition: (at) => ({ lastHeartbeatTime: at, lastTransitionTime: at, message: 'RouteController created a route', reason: 'RouteCreated', status: 'False', type: 'NetworkUnavailable' }),
  };
}
