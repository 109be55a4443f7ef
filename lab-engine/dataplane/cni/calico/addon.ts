// What calico.yaml adds to a fresh kubeadm cluster, as the default topology shows it a minute
// after `kubeadm init`: the calico-node DaemonSet (hostNetwork, a pod on every node, tolerating
// every taint) and the calico-kube-controllers Deployment on the control plane; calico-node's
// `projectcalico.org/IPv4Address` annotation on each Node (the address BGP peers with), and the
// NetworkUnavailable condition it clears once it runs (`CalicoIsUp`).
// Sources: projectcalico/calico manifests/calico.yaml (object names, labels, tolerations,
// priority classes, terminationGracePeriodSeconds 0), node/pkg/lifecycle/startup (the annotation),
// and calico-node's start-up, which clears NetworkUnavailable (reason CalicoIsUp).

import type { NetworkAddon } from '../../../cluster/bootstrap/network-addon';
import { CALICO_KUBE_CONTROLLERS_IMAGE, CALICO_NODE_IMAGE } from './images';
import { NODE_NETWORK_PREFIX } from '../node-base';

const LINUX = { 'kubernetes.io/os': 'linux' };

export function calicoAddon(): NetworkAddon {
  return {
    daemonSets: [{
      appliedAfterMs: 58_000,
      request: {
        name: 'calico-node',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'calico-node' },
        annotations: { 'deprecated.daemonset.template.generation': '1' },
        selector: { matchLabels: { 'k8s-app': 'calico-node' } },
        template: {
          labels: { 'k8s-app': 'calico-node' },
          containers: [{ name: 'calico-node', image: CALICO_NODE_IMAGE, imagePullPolicy: 'IfNotPresent' }],
          hostNetwork: true,
          nodeSelector: LINUX,
          priorityClassName: 'system-node-critical',
          priority: 2000001000,
          tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }, { key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoExecute', operator: 'Exists' }],
          terminationGracePeriodSeconds: 0,
          serviceAccountName: 'calico-node',
        },
      },
    }],
    deployments: [{
      appliedAfterMs: 58_000,
      podsAfterMs: 60_000,
      request: {
        name: 'calico-kube-controllers',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'calico-kube-controllers' },
        replicas: 1,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: { 'k8s-app': 'calico-kube-controllers' } },
        template: {
          labels: { 'k8s-app': 'calico-kube-controllers' },
          containers: [{ name: 'calico-kube-controllers', image: CALICO_KUBE_CONTROLLERS_IMAGE, imagePullPolicy: 'IfNotPresent' }],
          nodeSelector: LINUX,
          priorityClassName: 'system-cluster-critical',
          priority: 2000000000,
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
          ],
          serviceAccountName: 'calico-kube-controllers',
        },
      },
    }],
    // calico-node's start-up writes the cluster-wide defaults it reads Felix's settings from.
    felixConfigurations: [{ name: 'default', appliedAfterMs: 62_000, spec: { bpfLogLevel: '', floatingIPs: 'Disabled', logSeverityScreen: 'Info', reportingInterval: '0s' } }],
    nodeAnnotations: (node) => ({ 'projectcalico.org/IPv4Address': `${node.internalIP}/${NODE_NETWORK_PREFIX}` }),
    nodeCondition: (at) => ({ lastHeartbeatTime: at, lastTransitionTime: at, message: 'Calico is running on this node', reason: 'CalicoIsUp', status: 'False', type: 'NetworkUnavailable' }),
  };
}
