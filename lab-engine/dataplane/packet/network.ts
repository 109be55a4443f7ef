// The live network of one simulation: the dataplane derived from the cluster (cached per
// generation), each node's kernel state, and the seeded RNG — everything a probe needs, built
// once per session and shared by the learner's commands and the grader's checks.

import type { Cluster } from '../../cluster/cluster';
import type { Interconnect, TopologyOptions } from '../../core/topology';
import { PmtuCache } from './pmtu-cache';
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
import type { Pod } from '../../kube/types';
import { countTraffic } from './traffic-counters';
import { runUdpSenders, type SenderState } from './udp-senders';
import { runLoadgens, type LoadgenState } from './loadgens';
import { runConnectionFloods, type FloodState } from './connection-floods';
import type { ConntrackTableState } from '../conntrack/conntrack';
import { activeCniConfig, BridgePorts, type BridgePortFlags, type BridgePortsState } from '../cni/bridge-ports';
import { cniClusterView, type PodView } from '../cni/cluster-view';
import { HandBuiltNetworks, type HandBuiltState, type HandError, type HandOp } from '../netns/hand-built';

/** Seed of the random source checks draw from (kube-proxy's endpoint pick in a check's probe). */
const CHECK_SEED = 0x5eed;
import { namespaced } from '../../kube/namespaced';
import type { PacketWorld } from './world';
import { nodeLocalAddresses } from '../dns/node-local-dns';

/** The network's part of a session snapshot. */
export interface NetworkState {
  conntrack: Record<string, ConntrackTableState>;
  senders: Record<string, number>;
  /** Each pod veth's bridge port flags as its sandbox's CNI ADD set them (or `bridge link set` since). */
  bridgePorts?: BridgePortsState;
  /** Masquerade ports in use and the learner's sysctl writes, per node (absent in older snapshots). */
  kernel?: ReturnType<NodeRuntimes['kernelState']>;
  /** When each HTTP load generator last ran. */
  loadgens?: Record<string, number>;
  /** Where each per-line connection loop was caught up to (absent in older snapshots). */
  floods?: Record<string, number>;
  /** The learner's hand-made namespaces and devices per node (`ip netns add`, `ip link add`...). */
  handBuilt?: HandBuiltState;
}

/** A node's files as they are now (the learner may have edited /etc/cni/net.d); undefined: as the CNI shipped them. */
export type NodeFilesReader = (node: string) => Readonly<Record<string, string>> | undefined;

export class Network {
  private readonly cache: DataplaneCache;
  readonly nodes: NodeRuntimes;
  /** tcpdump's view of the learner's traffic. */
  readonly capture = new CaptureHub();
  /** ARP entries the learner's traffic taught each netns (`ip neigh`). */
  readonly neighbours = new NeighbourCache();
  /** When each steady UDP sender last sent. */
  private readonly senders: SenderState = new Map();
  /** When each HTTP load generator (apps/images/http-loadgen.ts) last ran. */
  private readonly loadgens: LoadgenState = new Map();
  /** A cluster generation in which no pod was a steady sender. */
  private senderlessGeneration?: number;
  /** The pods' veth ports on a bridge CNI's bridge: flags set at CNI ADD, kept across rebuilds. */
  readonly ports = new BridgePorts();
  /** What the learner built by hand on the nodes, replayed over every rebuild. */
  readonly handBuilt = new HandBuiltNetworks();
  private nodeFiles: NodeFilesReader = () => undefined;
  /** Whether the topology's CNI hangs pods off a bridge whose ports have flags to record. */
  private readonly bridgeCni: boolean;
  /** Where each per-line connection loop (a flood) was caught up to. */
  private readonly floods: FloodState = new Map();
  /** A cluster generation in which no pod ran such a loop. */
  private floodlessGeneration?: number;
  /** The path MTUs the learner's traffic learned (per netns and destination); the grader's probes learn in a copy. */
  readonly pmtu = new PmtuCache();
  /** The topology's smaller hop between sites, if it has one. */
  private readonly interconnect?: Interconnect;
  /** The cluster generation whose sandboxes recordPorts last looked at. */
  private portsRecordedAt?: number;

  constructor(
    private readonly cluster: Cluster,
    private readonly topology: TopologyOptions,
    private readonly random: () => number,
  ) {
    const options = dataplaneOptionsFor(topology);
    if (topology.interconnect) this.interconnect = topology.interconnect;
    const plugin = cniPlugin(topology.cni);
    // The CNI's agent programs its own chains and sets beside kube-proxy's (Felix, flanneld's --ip-masq).
    const modeOf = (node: string) => effectiveProxyMode(cluster.kubeProxyMode(node), topology.proxyMode);
    const cniNetfilter = plugin.netfilter ? (node: string) => plugin.netfilter?.(cluster, node, options, { proxyMode: modeOf(node) }) : undefined;
    this.nodes = new NodeRuntimes(cluster, modeOf, cniNetfilter);
    this.bridgeCni = !!plugin.bridgeHairpin || !!plugin.vethMtu;
    const portFlags = this.bridgeCni ? { portFlags: (pod: PodView) => this.portFlags(pod, topology) } : {};
    this.cache = new DataplaneCache(
      cluster,
      { ...options, ipvsAddresses: (node) => this.nodes.node(node).ipvs?.dummyAddresses, nodeLocalDnsAddresses: (node) => nodeLocalAddresses(cluster, node), ...portFlags },
      // Both only grow, so their sum moves whenever either does.
      () => this.ports.revision() + this.handBuilt.revision(),
      (dp) => this.handBuilt.overlay(dp),
    );
    this.capture.meter = (result, exchange, startMs) => countTraffic(this.nodes.counters, result, exchange, startMs);
  }

  dataplane(): Dataplane {
    return this.cache.get();
  }

  /** Where the nodes' current files come from (the shell session keeps them, with the learner's edits). */
  readNodeFilesWith(reader: NodeFilesReader): void {
    this.nodeFiles = reader;
  }

  /**
   * CNI ADD for every sandbox created since the last look: its veth port gets the hairpinMode of
   * the node's CNI config as it is now. The simulation calls it whenever its clock moved, so a
   * sandbox reads the config of its own time, not of a later edit. Only the sandboxes are looked
   * at, not the whole dataplane built: a lab's ticker moves the clock five times a second while
   * its pods come up, and building (kube-proxy's rules for every node) took most of a tick.
   */
  recordPorts(): void {
    if (!this.bridgeCni) return;
    const generation = this.cluster.generation();
    if (generation === this.portsRecordedAt) return;
    this.portsRecordedAt = generation;
    for (const pod of cniClusterView(this.cluster).pods) this.portFlags(pod, this.topology);
  }

  /** `bridge link set dev <port> ...` on `node`: false when no pod's veth on a bridge there has that name. */
  setPortFlags(node: string, dev: string, flags: Partial<BridgePortFlags>): boolean {
    const port = this.dataplane().nodes[node]?.links.find((l) => l.name === dev && l.master && l.peer);
    const key = port?.peer?.netns.replace(/^pod\//, '');
    const sandbox = key ? cniClusterView(this.cluster).pods.find((p) => p.key === key) : undefined;
    if (!sandbox || !this.ports.flags(sandbox.uid)) return false;
    this.ports.set(sandbox.uid, flags);
    return true;
  }

  /** A hand-made change on `node` (`ip link add`, `ip addr add`...): the kernel's refusal, or undefined once it is made. */
  changeByHand(node: string, op: HandOp): HandError | undefined {
    return this.handBuilt.change(this.dataplane(), node, op);
  }

  /** A sandbox's port flags: recorded at its CNI ADD, or recorded now from the node's config. */
  private portFlags(pod: PodView, topology: TopologyOptions): BridgePortFlags | undefined {
    const known = this.ports.flags(pod.uid);
    if (known) return known;
    const plugin = cniPlugin(topology.cni);
    const podCIDR = this.cluster.get('nodes', undefined, pod.node)?.spec.podCIDR ?? '';
    const files = this.nodeFiles(pod.node) ?? plugin.configFiles({ name: pod.node, podCIDR }, plugin.optionsFor(topology));
    const config = activeCniConfig(files);
    if (!config || !this.bridgeCni) return undefined;
    const mtu = plugin.vethMtu?.(config);
    return this.ports.created(pod.uid, { hairpin: plugin.bridgeHairpin?.(config) ?? false, ...(mtu !== undefined ? { mtu } : {}) });
  }

  /** What the learner's own commands walk: their traffic is visible to captures. */
  world(random: () => number = this.random): PacketWorld {
    return { ...this.checkWorld(random), capture: this.capture, neighbours: this.neighbours, pmtu: this.pmtu };
  }

  private checkWorld(random: () => number): PacketWorld {
    const cluster = this.cluster;
    return { cluster, dataplane: this.dataplane(), nodes: this.nodes, random, nowMs: cluster.now(), policies: () => namespaced(cluster.list('networkpolicies')), pmtu: this.pmtu.clone(), ...(this.interconnect ? { interconnect: this.interconnect } : {}) };
  }

  /**
   * Moves the pods' steady UDP senders (a statsd client's loop into one `nc -u`) up to the
   * cluster's now: their datagrams are the learner's traffic (conntrack, captures, counters).
   */
  runSenders(): void {
    const generation = this.cluster.generation();
    this.runSteadySenders(generation);
    // After the steady senders: a flood's catch-up expires the table up to now, which would end a
    // steady flow before the sender's own earlier datagrams in the same catch-up refreshed it.
    this.runFloods(generation);
  }

  private runSteadySenders(generation: number): void {
    // Most clusters have no sender: look for one again only when the cluster changed.
    if (this.senders.size === 0 && this.loadgens.size === 0 && this.senderlessGeneration === generation) return;
    runUdpSenders(this.senders, this.cluster, {
      worldAt: (nowMs) => ({ ...this.world(), nowMs }),
      // nc resolved the name once, when it opened its socket: a table that filled since does not undo that.
      resolve: this.resolver(true),
    });
    runLoadgens(this.loadgens, this.cluster, { worldAt: (nowMs) => ({ ...this.checkWorld(createRng(CHECK_SEED).next), nowMs }), resolve: this.resolver(false) });
    this.senderlessGeneration = this.senders.size === 0 && this.loadgens.size === 0 ? generation : undefined;
  }

  /** The pods' per-line connection loops, up to now: their flows fill the nodes' conntrack tables. */
  private runFloods(generation: number): void {
    if (this.floods.size === 0 && this.floodlessGeneration === generation) return;
    runConnectionFloods(this.floods, this.cluster, {
      worldAt: (nowMs) => ({ ...this.checkWorld(createRng(CHECK_SEED).next), nowMs }),
      // The loop's own lookups are not counted against the table (each nc's DNS flow would be one more entry).
      resolve: this.resolver(true),
    });
    this.floodlessGeneration = this.floods.size === 0 ? generation : undefined;
  }

  /** A pod's name lookup at a moment of the catch-up; pathOnly: the lookup's own DNS flow leaves no conntrack entry. */
  private resolver(pathOnly: boolean): (pod: Pod, name: string, atMs: number) => string | undefined {
    return (pod, name, atMs) => {
      const answer = resolveInPod({ ...this.checkWorld(createRng(CHECK_SEED).next), nowMs: atMs, ...(pathOnly ? { pathOnly } : {}) }, pod, name);
      return answer.kind === 'resolved' ? answer.addresses[0] : undefined;
    };
  }

  /** What a snapshot keeps of the network: the nodes' conntrack flows, when each steady sender and loop last ran, the bridge ports' flags, the nodes' kernel state. */
  toJSON(): NetworkState {
    const kernel = this.nodes.kernelState();
    const touched = Object.keys(kernel.snat).length > 0 || Object.keys(kernel.sysctls).length > 0;
    const ports = this.ports.toJSON();
    return {
      conntrack: this.nodes.conntrackState(),
      senders: Object.fromEntries(this.senders),
      // Only once there is any, so snapshots of sessions without them stay as they were.
      ...(Object.keys(ports).length ? { bridgePorts: ports } : {}),
      ...(touched ? { kernel } : {}),
      ...(this.loadgens.size > 0 ? { loadgens: Object.fromEntries(this.loadgens) } : {}),
      ...(this.floods.size ? { floods: Object.fromEntries(this.floods) } : {}),
      ...(this.handBuilt.empty() ? {} : { handBuilt: this.handBuilt.toJSON() }),
    };
  }

  restore(state: NetworkState): void {
    this.nodes.restoreConntrack(state.conntrack);
    if (state.bridgePorts) this.ports.restore(state.bridgePorts);
    for (const [key, ms] of Object.entries(state.senders)) this.senders.set(key, ms);
    if (state.kernel) this.nodes.restoreKernelState(state.kernel);
    for (const [key, ms] of Object.entries(state.loadgens ?? {})) this.loadgens.set(key, ms);
    for (const [key, ms] of Object.entries(state.floods ?? {})) this.floods.set(key, ms);
    if (state.handBuilt) this.handBuilt.restore(state.handBuilt);
  }

  /** The learner's own packet: it draws from the simulation's RNG and leaves conntrack entries. */
  probe(probe: Probe): ProbeResult {
    return sendProbe(this.world(), probe);
  }

  /** A grader's name lookup from a pod: like checkProbe, it leaves nothing behind. */
  checkLookup(namespace: string, podName: string, name: string, lookups = 1): PodLookup {
    const pod = this.cluster.get('pods', namespace, podName);
    if (!pod) return { kind: 'unreachable', name, reason: `pod ${namespace}/${podName} does not exist` };
    return resolveInPod(this.checkWorld(createRng(CHECK_SEED).next), pod, name, { lookups });
  }

  /** A grader's HTTP request: like checkProbe, it leaves nothing behind. */
  checkHttp(probe: HttpProbe): HttpProbeResult {
    return httpProbe(this.checkWorld(createRng((CHECK_SEED + (probe.connection ?? 0)) >>> 0).next), probe);
  }

  /** A grader's packet: a fixed random source (the `draw`th) and no conntrack entry, so checks never disturb the session. */
  checkProbe(probe: Probe, draw = 0): ProbeResult {
    return sendProbe(this.checkWorld(createRng(CHECK_SEED + draw).next), probe, { recordConntrack: false });
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
