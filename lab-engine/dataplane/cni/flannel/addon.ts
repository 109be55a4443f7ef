// What kube-flannel.yml adds to a fresh cluster, as the default topology shows it a minute after
// `kubeadm init`: the kube-flannel namespace (privileged for Pod Security), the kube-flannel-cfg
// ConfigMap (cni-conf.json, which install-cni copies to /etc/cni/net.d, and net-conf.json, which
// flanneld reads: the cluster network and the backend), the kube-flannel-ds DaemonSet (hostNetwork,
// a pod on every node, tolerating every NoSchedule taint); and what flanneld's kube subnet manager
// writes on each Node: its lease (backend type, backend data: the VTEP's MAC with VXLAN, `null`
// with host-gw, and the node's public IP), and NetworkUnavailable cleared (reason FlannelIsUp).
// Sources: flannel-io/flannel Documentation/kube-flannel.yml (v0.27.x: object names, labels,
// images, args --ip-masq --kube-subnet-mgr, EnableNFTables false), pkg/subnet/kube (the
// flannel.alpha.coreos.com/* annotations, FlannelIsUp "Flannel is running on this node").

import type { NetworkAddon } from '../../../cluster/bootstrap/network-addon';
import { POD_NETWORK_CIDR } from '../../../core/cluster-plan';
import type { FlannelBackend } from './settings';
import { FLANNEL_VNI, vtepMac } from './program';
import { FLANNEL_CONFLIST } from './config-files';
import { FLANNEL_IMAGE } from './images';

export const FLANNEL_NAMESPACE = 'kube-flannel';

/** net-conf.json as kube-flannel.yml ships it, with the topology's backend. */
export function netConfJson(backend: FlannelBackend): string {
  return `{\n  "Network": "${POD_NETWORK_CIDR}",\n  "EnableNFTables": false,\n  "Backend": {\n    "Type": "${backend}"\n  }\n}\n`;
}

export function flannelAddon(backend: FlannelBackend): NetworkAddon {
  return {
    namespaces: [{ name: FLANNEL_NAMESPACE, labels: { 'k8s-app': 'flannel', 'pod-security.kubernetes.io/enforce': 'privileged' }, appliedAfterMs: 58_000 }],
    configMaps: [{
      namespace: FLANNEL_NAMESPACE,
      name: 'kube-flannel-cfg',
      labels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' },
      data: { 'cni-conf.json': FLANNEL_CONFLIST, 'net-conf.json': netConfJson(backend) },
      appliedAfterMs: 58_000,
    }],
    daemonSets: [{
      appliedAfterMs: 58_000,
      request: {
        name: 'kube-flannel-ds',
        namespace: FLANNEL_NAMESPACE,
        labels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' },
        annotations: { 'deprecated.daemonset.template.generation': '1' },
        selector: { matchLabels: { app: 'flannel' } },
        template: {
          labels: { app: 'flannel', tier: 'node' },
          containers: [{
            name: 'kube-flannel',
            image: FLANNEL_IMAGE,
            imagePullPolicy: 'IfNotPresent',
            command: ['/opt/bin/flanneld'],
            args: ['--ip-masq', '--kube-subnet-mgr'],
            env: [{ name: 'EVENT_QUEUE_DEPTH', value: '5000' }, { name: 'CONT_WHEN_CACHE_NOT_READY', value: 'false' }],
          }],
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          priority: 2000001000,
          tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }],
          serviceAccountName: 'flannel',
        },
      },
    }],
    deployments: [],
    nodeAnnotations: (node) => ({
      'flannel.alpha.coreos.com/backend-data': backend === 'vxlan' ? `{"VNI":${FLANNEL_VNI},"VtepMAC":"${vtepMac(node.name)}"}` : 'null',
      'flannel.alpha.coreos.com/backend-type': backend,
      'flannel.alpha.coreos.com/kube-subnet-mgr': 'true',
      'flannel.alpha.coreos.com/public-ip': node.internalIP,
    }),
    nodeCondition: (at) => ({ lastHeartbeatTime: at, lastTransitionTime: at, message: 'Flannel is running on this node', reason: 'FlannelIsUp', status: 'False', type: 'NetworkUnavailable' }),
  };
}
