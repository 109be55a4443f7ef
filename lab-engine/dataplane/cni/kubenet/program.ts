// What kubenet programs, on a cloud whose VPC routes the pod CIDRs (GKE routes-based clusters,
// kops/kubeadm on AWS or GCE with kubenet, AKS kubenet):
// - on each node only the bridge plugin's work: `cbr0` holding the podCIDR's gateway (.1) with
//   promiscuous mode on, a `vethXXXXXXXX` per pod, and in the pod `default via <gateway>`. No
//   route to any other node's pod CIDR: those packets follow the node's default route to the
//   VPC router.
// - in the cloud, one route per node, `<podCIDR> → <node IP>`, created by kube-controller-manager's
//   route controller (--configure-cloud-routes) from each Node's spec.podCIDR; it then marks the
//   node `NetworkUnavailable=False, RouteCreated` (see addon.ts).
// - MTU: kubenet sizes cbr0 and the veths to the smallest MTU of the node's interfaces
//   (kubenet_linux.go `findMinMTU`); GCE's VPC MTU is 1460, so eth0, cbr0 and the pods all have 1460.
// Sources: kubernetes pkg/kubelet/dockershim/network/kubenet (BridgeName "cbr0", the conflist
// template: bridge, isGateway, promiscMode, host-local with a 0.0.0.0/0 route), the route
// controller (pkg/controller/route: RouteCreated / "RouteController created a route"), GCE's
// documented default VPC MTU of 1460. The in-tree kubenet left kubelet with dockershim (1.24);
// clouds that still offer it ship the same bridge config as a CNI conflist.

import type { CloudRoute } from '../../netns/types';
import { addBridge, bridgePod, type BridgeConfig } from '../bridge-plugin';
import type { CniNetns } from '../cni-plugin';
import { hostIfindex, type CniClusterView } from '../cluster-view';

export const KUBENET_BRIDGE = 'cbr0';
/** The MTU of a GCE VPC network (its default), which kubenet copies onto cbr0 and the veths. */
export const CLOUD_VPC_MTU = 1460;

/** Programs the nodes and pods; returns the cloud's route table the nodes rely on. */
export function programKubenet(view: CniClusterView, { nodes, pods }: CniNetns): CloudRoute[] {
  const withPods = new Set(view.pods.map((p) => p.node));
  const bridge: BridgeConfig = { bridge: KUBENET_BRIDGE, mtu: CLOUD_VPC_MTU, promisc: true, hairpin: false, extraPodRoutes: [] };
  for (const node of view.nodes) {
    if (withPods.has(node.name) && node.podCIDR) addBridge(nodes[node.name], node.name, node.podCIDR, bridge, 3);
  }
  for (const pod of view.pods) {
    const host = nodes[pod.node];
    const node = view.nodes.find((n) => n.name === pod.node);
    if (!host || !node) continue;
    pods[pod.key] = bridgePod(pod, host, node.podCIDR, hostIfindex(4, node.podCIDR, pod.ip), bridge);
  }
  // The table the route controller keeps; a view without one (built by hand) has every node's route.
  if (view.cloudRoutes) return view.cloudRoutes.map((r) => ({ ...r }));
  return view.nodes.filter((n) => n.podCIDR && n.internalIP).map((n) => ({ destRange: n.podCIDR, nextHopIp: n.internalIP, node: n.name }));
}
