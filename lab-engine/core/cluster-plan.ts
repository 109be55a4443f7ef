// The default cluster's address plan: kubeadm's pod and service subnets and the three nodes with
// their addresses and per-node pod CIDRs. Constants every layer may read (the CNI programs the
// nodes from it, the allocators hand out from it); the objects themselves are made in
// cluster/bootstrap/.

export const POD_NETWORK_CIDR = '10.244.0.0/16';

export interface NodePlan {
  name: string;
  internalIP: string;
  podCIDR: string;
  controlPlane: boolean;
}

export const DEFAULT_NODES: readonly NodePlan[] = [
  { name: 'control-plane', internalIP: '172.18.0.2', podCIDR: '10.244.0.0/24', controlPlane: true },
  { name: 'node-1', internalIP: '172.18.0.3', podCIDR: '10.244.1.0/24', controlPlane: false },
  { name: 'node-2', internalIP: '172.18.0.4', podCIDR: '10.244.2.0/24', controlPlane: false },
];

export const SERVICE_CIDR = '10.96.0.0/12';
