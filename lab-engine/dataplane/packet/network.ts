// The live network of one simulation: the dataplane derived from the cluster (cached per
// generation), each node's kernel state, and the seeded RNG — everything a probe needs, built
// once per session and shared by the learner's commands and the grader's checks.

import type { Cluster } from '../../cluster/cluster';
import type { TopologyOptions } from '../../core/topology';
import type { HttpProbe, HttpProbeResult } from '../apps/http-probe-types';
import { httpProbe } from '../apps/http-probe';
import { DataplaneCache, dataplaneOptionsFor } from '../cni/build-dataplane';
import { cniPlugin } from '../cni';
import type { Dataplane } from '../netns/types';
import { NodeRuntimes } from './node-runtime';
import type { Probe, ProbeResult } from './types';
import { sendProbe } from './walk';
import { createRng } from '../../core/random';
import { CaptureHub } from '../capture/capture-hub';
import { NeighbourCache } from './neighbour-cache';
import { resolveInPod, type PodLookup } from '../dns/pod-resolver';
import { countTraffic } from './traffic-counters';
import { runUdpSenders, type SenderState } from './udp-senders';
import type { ConntrackTableState } from '../conntrack/conntrack';

/** Seed of the random source checks draw from (kube-proxy's endpoint pick in a check's probe). */
const CHECK_SEED = 0x5eed;
import { namespaced } from '../../kube/namespaced';
import type { PacketWorld } from './world';

/** The network's part of a session snapshot. */
export interface NetworkState {
  conntrack: Record<string, ConntrackTableState>;
  senders: Record<string, number>;
}

export class Network {
  private readonly cache: DataplaneCache;
  readonly nodes: NodeRuntimes;
  /** tcpdump's view of the learner's traffic. */
  readonly capture = new CaptureHub();
  /** ARP entries the learner's traffic taught each netns (`ip neigh`). */
  readonly neighbours = new NeighbourCache();
  /** When each steady UDP sender last sent. */
  private readonly senders: SenderState = new Map();
  /** A cluster generation in which no pod was a steady sender. */
  private senderlessGeneration?: number;

  constructor(
    private readonly cluster: Cluster,
    topology: TopologyOptions,
    private readonly random: () => number,
  ) {
    const options = dataplaneOptionsFor(topology);
    const plugin = cniPlugin(topology.cni);
    // The CNI's agent programs its own chains and sets beside kube-proxy's (Felix, flanneld's --ip-masq).
    const modeOf = (node: string) => effectiveProxyMode(cluster.kubeProxyMode(node), topology.proxyMode);
    const cniNetfilter = plugin.netfilter ? (node: string) => plugin.netfilter?.(cluster, node, options, { proxyMode: modeOf(node) }) : undefined;
    this.nodes = new NodeRuntimes(cluster, modeOf, cniNetfilter);
    this.cache = new DataplaneCache(cluster, { ...options, ipvsAddresses: (node) => this.nodes.node(node).ipvs?.dummyAddresses });
    this.capture.meter = (result, exchange, startMs) => countTraffic(this.nodes.counters, result, exchange, startMs);
  }

  dataplane(): Dataplane {
    return this.cache.get();
  }

  /** What the learner's own commands walk: their traffic is visible to captures. */
  world(random: () => number = this.random): PacketWorld {
    return { ...this.checkWorld(random), capture: this.capture, neighbours: this.neighbours };
  }

  private checkWorld(random: () => number): PacketWorld {
    const cluster = this.cluster;
    return { cluster, dataplane: this.dataplane(), nodes: this.nodes, random, nowMs: cluster.now(), policies: () => namespaced(cluster.list('networkpolicies')) };
  }

  /**
   * Moves the pods' steady UDP senders (a statsd client's loop into one `nc -u`) up to the
   * cluster's now: their datagrams are the learner's traffic (conntrack, captures, counters).
   */
  runSenders(): void {
    // Most clusters have no sender: look for one again only when the cluster changed.
    const generation = this.cluster.generation();
    if (this.senders.size === 0 && this.senderlessGeneration === generation) return;
    runUdpSenders(this.senders, this.cluster, {
      worldAt: (nowMs) => ({ ...this.world(), nowMs }),
      resolve: (pod, name, atMs) => {
        const answer = resolveInPod({ ...this.checkWorld(createRng(CHECK_SEED).next), nowMs: atMs }, pod, name);
        return answer.kind === 'resolved' ? answer.addresses[0] : undefined;
      },
    });
    this.senderlessGeneration = this.senders.size === 0 ? generation : undefined;
  }

  /** What a snapshot keeps of the network: the nodes' conntrack flows and when each steady sender last sent. */
  toJSON(): NetworkState {
    return { conntrack: this.nodes.conntrackState(), senders: Object.fromEntries(this.senders) };
  }

  restore(state: NetworkState): void {
    this.nodes.restoreConntrack(state.conntrack);
    for (const [key, ms] of Object.entries(state.senders)) this.senders.set(key, ms);
  }

  /** The learner's own packet: it draws from the simulation's RNG and leaves conntrack entries. */
  probe(probe: Probe): ProbeResult {
    return sendProbe(this.world(), probe);
  }

  /** A grader's name lookup from a pod: like checkProbe, it leaves nothing behind. */
  checkLookup(namespace: string, podName: string, name: string): PodLookup {
    const pod = this.cluster.get('pods', namespace, podName);
    if (!pod) return { kind: 'unreachable', name, reason: `pod ${namespace}/${podName} does not exist` };
    return resolveInPod(this.checkWorld(createRng(CHECK_SEED).next), pod, name);
  }

  /** A grader's HTTP request: like checkProbe, it leaves nothing behind. */
  checkHttp(probe: HttpProbe): HttpProbeResult {
    return httpProbe(this.checkWorld(createRng((CHECK_SEED + (probe.connection ?? 0)) >>> 0).next), probe);
  }

  /** A grader's packet: a fixed random source and no conntrack entry, so checks never disturb the session. */
  checkProbe(probe: Probe): ProbeResult {
    return sendProbe(this.checkWorld(createRng(CHECK_SEED).next), probe, { recordConntrack: false });
  }
}

/**
 * kube-proxy's `mode` as a Linux node runs it: "" is iptables. A kube-proxy that refused its mode
 * never reaches this (KubeProxyModes answers with the last valid mode on the node, or undefined).
 */
function effectiveProxyMode(configured: string | undefined, topologyMode: TopologyOptions['proxyMode']): TopologyOptions['proxyMode'] {
  switch (configured) {
    case undefined:
      return topologyMode;
    case 'ipvs':
    case 'nftables':
      return configured;
    default:
      return 'iptables';
  }
}
