// The contract between the simulated world and everything that drives it: labsh (the learner's
// terminal), labctl (the self-test), the grader and the benchmarks. Implemented in
// shell/simulation.ts; nothing outside the engine reaches into the model except through this.

import type { PacketSource, Probe, ProbeResult } from '../dataplane/packet/types';
import type { PodLookup } from '../dataplane/dns/pod-resolver';

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

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

/** A grader's HTTP request: from a pod or the learner's workstation, to an address and port, with a Host header. */
export interface HttpProbe {
  from: PacketSource;
  dst: string;
  port: number;
  host: string;
  path: string;
  /** Speak TLS first (https), sending this server name (SNI); the certificate is reported, not judged. */
  tls?: { sni?: string };
}

export type HttpProbeResult =
  | { kind: 'response'; status: number; body: string; servedBy: string[]; tls?: HttpProbeTls }
  | { kind: 'no-response'; reason: string };

export interface SimulationOptions {
  seed: number;
  topology?: Partial<TopologyOptions>;
  /** Start time of the cluster's clock (ms since epoch). Defaults to SIMULATION_EPOCH_MS. */
  startMs?: number;
  /** Files visible in the workstation's virtual filesystem, e.g. /lab/app.yaml. */
  files?: Record<string, string>;
}

/** Everything needed to bring a session back exactly as it was. Plain JSON. */
export interface SimulationSnapshot {
  version: 1;
  seed: number;
  nowMs: number;
  rngState: number;
  topology: TopologyOptions;
  /** Opaque to callers: the cluster's objects and allocator state. */
  cluster: unknown;
  /** The virtual filesystem of the workstation. */
  files: Record<string, string>;
  /** Shell history, oldest first. */
  history: string[];
}

export interface Simulation {
  /** Run one line as the learner typed it (may hold `;`, `&&`, pipes...). Never throws for learner mistakes. */
  exec(line: string): Promise<CommandResult>;
  /** Move the simulated clock to `nowMs` and run every lifecycle rule that is due. Returns true if any object changed. */
  advanceTo(nowMs: number): boolean;
  /** The current simulated time. */
  now(): number;
  /** Monotonic counter bumped on every change to the model; cheap way to know whether to re-grade. */
  generation(): number;
  /** Read-only view of API objects for checks: `get('pods', 'default', 'web')`, `list('pods', 'default')`. */
  get(resource: string, namespace: string | undefined, name: string): Record<string, unknown> | undefined;
  list(resource: string, namespace?: string): Record<string, unknown>[];
  /**
   * Sends one simulated packet through the dataplane, as a grader's check does: the same walk as
   * the learner's `trace`, but it leaves no conntrack entry and draws from its own fixed random
   * source, so grading never changes what the learner's next command sees.
   */
  probe(probe: Probe): ProbeResult;
  /** Resolves a name as the pod's own resolver would (search list, CoreDNS through the dataplane), for `dns` checks. */
  lookup(namespace: string, pod: string, name: string): PodLookup;
  /** One HTTP GET through the dataplane (and an ingress controller, if it reaches one), for `http` checks; leaves no trace. */
  httpGet(request: HttpProbe): HttpProbeResult;
  snapshot(): SimulationSnapshot;
  /** The prompt labsh shows, e.g. `learner@workstation:~$ `. */
  prompt(): string;
}

/** The certificate a TLS server presented to a grader's probe. */
export interface HttpProbeTls {
  /** OpenSSL one-line subject, e.g. `CN = shop.example.com`. */
  subject: string;
  dnsNames: string[];
  /** Which certificate the server chose and why (`secret shop/shop-tls`, or the default one with its reason). */
  source: string;
  isDefault: boolean;
  /** The certificate's names cover the probe's SNI. */
  coversHost: boolean;
}
