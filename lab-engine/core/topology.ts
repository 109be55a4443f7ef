// The options that pick a simulated cluster's shape: its pod network (CNI and routing mode),
// kube-proxy's mode, the ingress controllers installed with it, and the addresses a cloud hands
// to LoadBalancer Services. Plain data, validated by topology-rules.ts.

export type IngressKind = 'nginx' | 'traefik';

/**
 * The pod network: Calico (BGP, optional IP-in-IP), flannel (VXLAN or host-gw), or kubenet, the
 * kubelet's basic bridge (cbr0) whose pod CIDRs the cloud's VPC route table routes between nodes.
 */
export type CniPlugin = 'calico' | 'flannel' | 'kubenet';

/** Calico IPPool `ipipMode`: `Always` wraps node-to-node pod traffic in IP-in-IP (tunl0), `Never` routes it as is. */
export type IpipMode = 'Always' | 'Never';

/** flannel's `Backend.Type` in net-conf.json: `vxlan` (flannel.1) or `host-gw` (plain routes via the node IPs). */
export type FlannelBackend = 'vxlan' | 'host-gw';

export interface TopologyOptions {
  cni: CniPlugin;
  proxyMode: 'iptables' | 'ipvs';
  /** Calico only (default Always, as calico.yaml's CALICO_IPV4POOL_IPIP). */
  ipipMode?: IpipMode;
  /** flannel only (default vxlan). */
  flannelBackend?: FlannelBackend;
  /** Ingress controllers installed with the cluster, each on a NodePort Service: ingress-nginx, Traefik, or both. */
  ingress?: IngressKind | readonly IngressKind[];
  /** Addresses a cloud or MetalLB hands to LoadBalancer Services (`a.b.c.d` or `a.b.c.d-a.b.c.e`); none leaves them <pending>. */
  loadBalancerPool?: readonly string[];
}
