// What the pod network adds to a fresh cluster: the objects its manifest installed (DaemonSets
// with a pod on every node, Deployments on the control plane), the annotations its agent writes
// on each Node, and the NetworkUnavailable condition that says who set the node's network up.
// Plain data handed in by the composition root (simulation/), which asks the topology's CNI
// plugin for it (dataplane/cni/): the cluster layer knows no CNI by name.

import type { NodePlan } from '../../core/cluster-plan';
import type { Node } from '../../kube/types';
import type { DaemonSetRequest, DeploymentRequest } from '../workload-admission';

export type NodeCondition = Node['status']['conditions'][number];

export interface AddonDaemonSet {
  request: DaemonSetRequest;
  /** When the manifest created it, in ms after `kubeadm init`; each node's pod starts a second after that (or after its node joined). */
  appliedAfterMs: number;
}

export interface AddonDeployment {
  request: DeploymentRequest;
  /** When the manifest created it, in ms after `kubeadm init`. */
  appliedAfterMs: number;
  /** When its pods were created on the control-plane node, in ms after `kubeadm init`. */
  podsAfterMs: number;
}

/** A namespace the network's manifest creates (kube-flannel.yml's `kube-flannel`). */
export interface AddonNamespace {
  name: string;
  labels: Record<string, string>;
  /** When the manifest created it, in ms after `kubeadm init`. */
  appliedAfterMs: number;
}

/** A ConfigMap the network's manifest creates (kube-flannel.yml's `kube-flannel-cfg`). */
export interface AddonConfigMap {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  data: Record<string, string>;
  appliedAfterMs: number;
}

/** A cluster-scoped Calico FelixConfiguration its agent creates on first start (`default`). */
export interface AddonFelixConfiguration {
  name: string;
  spec: Record<string, unknown>;
  appliedAfterMs: number;
}

export interface NetworkAddon {
  /** Namespaces the manifest creates before anything in them (absent: everything goes to kube-system). */
  namespaces?: readonly AddonNamespace[];
  /** ConfigMaps the manifest creates. */
  configMaps?: readonly AddonConfigMap[];
  /** FelixConfigurations the agent creates (calico-node's `default`). */
  felixConfigurations?: readonly AddonFelixConfiguration[];
  /** Created in this order, right after kube-proxy's; their pods come right after kube-proxy's on each node. */
  daemonSets: readonly AddonDaemonSet[];
  /** Created in this order, after CoreDNS. */
  deployments: readonly AddonDeployment[];
  /** Annotations the network's agent writes on each Node (Calico: `projectcalico.org/IPv4Address`). */
  nodeAnnotations(node: NodePlan): Record<string, string>;
  /** The node's NetworkUnavailable condition, cleared at `at` by whoever set its network up (the CNI's agent, or the cloud's route controller). */
  nodeCondition(at: string): NodeCondition;
  /** The cloud routes pod CIDRs (kubenet): kube-controller-manager runs its route controller (cluster/cloud-routes). */
  cloudRoutes?: boolean;
}

/** How a fresh cluster is put together beyond its topology's plain options. */
export interface ClusterBootstrapOptions {
  network: NetworkAddon;
}
