// Everything a packet walk reads: the cluster (pods, Services, NetworkPolicies, namespaces), the
// dataplane's network namespaces, each node's programmed kernel state, a draw from the seeded RNG
// (kube-proxy's statistic match, ephemeral ports) and the simulation clock.

import type { Cluster } from '../../cluster/cluster';
import type { Dataplane } from '../netns/types';
import type { PolicyWorld } from '../policy/evaluate';
import type { NetworkPolicy } from '../../kube/network-policy';
import type { NodeRuntimes } from './node-runtime';
import type { CaptureHub } from '../capture/capture-hub';
import type { NeighbourCache } from './neighbour-cache';
import type { PmtuCache } from './pmtu-cache';
import type { Interconnect } from '../../core/topology';
import { namespaced } from '../../kube/namespaced';

export interface PacketWorld {
  cluster: Cluster;
  dataplane: Dataplane;
  nodes: NodeRuntimes;
  /** A float in [0, 1) from the simulation's seeded generator. */
  random(): number;
  nowMs: number;
  /** NetworkPolicies in force (empty where the cluster has none). */
  policies(): readonly NetworkPolicy[];
  /** Captures listening on the learner's network (absent for the grader's probes). */
  capture?: CaptureHub;
  /** The ARP entries the learner's traffic taught each netns (absent for the grader's probes). */
  neighbours?: NeighbourCache;
  /**
   * A flood's sample walk: the path its admitted connections take, found even while a table is
   * full (the flood's runner admits and refuses its connections itself, by each table's room).
   */
  pathOnly?: boolean;
  /** A smaller hop between two groups of nodes (topology `interconnect`); absent: the nodes share one network. */
  interconnect?: Interconnect;
  /** The path MTUs learned from ICMP "fragmentation needed" (pmtu-cache.ts); absent: nothing is remembered. */
  pmtu?: PmtuCache;
}

/**
 * The addresses of hosts outside the cluster: the learner's workstation on the nodes' network, a
 * client on the internet, a partner's HTTPS API the cluster calls out to (api.payments.example,
 * TEST-NET-3), which pods reach through their node's masquerade, and the cloud's instance metadata
 * service, which every node (and so every masqueraded pod) reaches at the link-local 169.254.169.254.
 */
export const EXTERNAL_HOSTS = {
  workstation: '172.18.0.100',
  internet: '203.0.113.50',
  'payments-api': '203.0.113.10',
  'cloud-metadata': '169.254.169.254',
} as const;

/** External hosts that accept connections from the cluster (the internet client does not). */
export const REACHABLE_EXTERNAL_HOSTS: readonly string[] = [EXTERNAL_HOSTS.workstation, EXTERNAL_HOSTS['payments-api'], EXTERNAL_HOSTS['cloud-metadata']];

/** TCP ports an outside host listens on; a host not listed accepts any. The payments API serves HTTPS (and redirects HTTP), the metadata service plain HTTP only. */
const EXTERNAL_TCP_LISTENERS: Readonly<Record<string, readonly number[]>> = {
  [EXTERNAL_HOSTS['payments-api']]: [80, 443],
  [EXTERNAL_HOSTS['cloud-metadata']]: [80],
};

/** Whether an outside host answers a TCP connection to `port` with a reset (nothing listens there). */
export function externalRefuses(ip: string, protocol: string, port: number | undefined): boolean {
  const open = EXTERNAL_TCP_LISTENERS[ip];
  return open !== undefined && protocol === 'tcp' && !open.includes(port ?? 0);
}

export function policyWorld(world: PacketWorld): PolicyWorld {
  return { policies: world.policies(), pods: namespaced(world.cluster.list('pods')), namespaces: world.cluster.list('namespaces') };
}
