// The stub resolver inside a pod, configured as kubelet configures it (pod-dns-config.ts: the
// dnsPolicy and dnsConfig give the nameserver, the search list and the options). Every query is
// a packet to the nameserver through the packet engine — UDP, or TCP with `use-vc` — so a policy
// that blocks port 53, or CoreDNS without endpoints, makes lookups fail the way they do on a real
// cluster; an answer too large for UDP is asked again over TCP (truncation.ts), so a policy that
// allows only UDP 53 fails those. How long each lookup takes follows from the options and the path the packets took
// (resolver-timing.ts: the conntrack race behind a DNAT, NodeLocal DNSCache's untracked path).
// A query NodeLocal DNSCache takes on the node (a NOTRACK rule, then its socket on the nodelocaldns
// address) is answered from its cache, or forwarded over TCP to CoreDNS on a miss (node-local-cache.ts).
// Programs (curl, wget, ping) and the grader's `dns` checks resolve through here.

import { createRng } from '../../core/random';
import type { Pod } from '../../kube/types';
import { imageProfile } from '../apps/images';
import type { ProbeResult } from '../packet/types';
import { sendProbe, type ProbeOptions } from '../packet/walk';
import { hopSummary } from '../packet/render-hop';
import { outcomeReason } from '../packet/render-outcome';
import type { PacketWorld } from '../packet/world';
import { addressesOf, cnameChain, queryClusterDns } from './cluster-dns';
import { serveAtNodeCache, servedByNodeCache } from './node-local-cache';
import { candidateNames, CLUSTER_DNS_IP, effectivePolicy, kubeletClusterDns, NODE_STUB_RESOLVER, podDnsSettings, stubOptions, type PodDnsSettings, type StubOptions } from './pod-dns-config';
import { FORWARD_MISS_MS, giveUpMs, lookupTiming, type DnsPath, type LookupTiming } from './resolver-timing';
import { truncatedOverUdp, UDP_LIMIT_GLIBC_EDNS, UDP_LIMIT_NO_EDNS } from './truncation';

export { CLUSTER_DNS_IP } from './pod-dns-config';

/** The most lookups one call may time (a grader's latency sample). */
export const MAX_TIMED_LOOKUPS = 500;

export type PodLookup =
  /** `cnames`: the aliases the answer went through (an ExternalName's target and beyond), without the trailing dot. */
  | { kind: 'resolved'; name: string; fqdn: string; addresses: string[]; cnames?: string[]; timings: LookupTiming[] }
  | { kind: 'nxdomain'; name: string; tried: string[]; timings: LookupTiming[] }
  /** No answer from the nameserver: the query was dropped or refused on the way. */
  | { kind: 'unreachable'; name: string; reason: string; giveUpMs?: number }
  /** The pod does not use the cluster DNS (dnsPolicy Default, hostNetwork without ClusterFirstWithHostNet). */
  | { kind: 'not-cluster-dns'; name: string };

/** Called for each name the resolver asked CoreDNS, with the answer (for captures). */
export type QueryObserver = (query: ProbeResult, fqdn: string, addresses: string[]) => void;

export interface ResolveOptions {
  probe?: ProbeOptions;
  observe?: QueryObserver;
  /** How many lookups of the name to time (each draws its own race); 1 by default. */
  lookups?: number;
  /** Where the races draw from; the world's random source by default (a grader's fixed one). */
  raceRandom?: () => number;
}

/** Seed of the stream the learner's own lookups draw their races from (raceStream). */
const LEARNER_RACE_SEED = 0x0d05;
const learnerRaces = new WeakMap<object, () => number>();

/**
 * The learner's lookups draw their races from a stream of their own, one per simulation, so a
 * lookup never shifts what else the session draws (kube-proxy's endpoint picks, source ports):
 * the same commands reach the same pods whether or not a name was looked up on the way.
 */
export function learnerRaceStream(world: PacketWorld): () => number {
  let next = learnerRaces.get(world.nodes);
  if (!next) {
    next = createRng(LEARNER_RACE_SEED).next;
    learnerRaces.set(world.nodes, next);
  }
  return next;
}

/** The pod's resolver: kubelet's settings and glibc's reading of their options. */
export function podResolver(pod: Pod, clusterDns: string = CLUSTER_DNS_IP): { settings: PodDnsSettings; options: StubOptions; server: string } {
  const settings = podDnsSettings(pod, clusterDns);
  return { settings, options: stubOptions(settings.options), server: settings.nameservers[0] ?? NODE_STUB_RESOLVER };
}

export function usesClusterDns(pod: Pod): boolean {
  const policy = effectivePolicy(pod);
  if (policy === 'None') return podResolver(pod).server !== NODE_STUB_RESOLVER;
  return policy !== 'Default';
}

/** The names the pod's resolver tries for `name`, in order (its search list and ndots). */
export function podSearchList(pod: Pod, name: string): string[] {
  const { settings, options } = podResolver(pod);
  return candidateNames(name, settings.searches, options.ndots);
}

/** The names a ClusterFirst pod in `namespace` tries, in order (kubelet's search list, ndots:5). */
export function searchList(name: string, namespace: string): string[] {
  return candidateNames(name, [`${namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'], 5);
}

export function resolveInPod(world: PacketWorld, pod: Pod, name: string, options: ResolveOptions = {}): PodLookup {
  if (!usesClusterDns(pod)) return { kind: 'not-cluster-dns', name };
  const namespace = pod.metadata.namespace ?? 'default';
  const { settings, options: stub, server } = podResolver(pod, kubeletClusterDns(world.cluster));
  const names = candidateNames(name, settings.searches, stub.ndots);
  const sent = options.probe ?? { recordConntrack: false };
  const query = sendProbe(world, { from: { kind: 'pod', namespace, name: pod.metadata.name }, dst: server, protocol: stub.useVc ? 'tcp' : 'udp', dport: 53 }, sent);
  if (query.outcome.kind !== 'delivered' || !answersDns(world, query)) {
    options.observe?.(query, names[0], []);
    return { kind: 'unreachable', name, reason: `no answer from ${server}:53${stub.useVc ? '/tcp' : ''} (${whyUnanswered(query, server)})`, giveUpMs: giveUpMs(stub, settings.nameservers.length) };
  }
  // NodeLocal DNSCache answered on the node (its NOTRACK rules kept the query out of conntrack), or CoreDNS did.
  const cacheNode = servedByNodeCache(query);
  const path: DnsPath = query.hops.some((h) => h.kind === 'netfilter' && h.verdict === 'NOTRACK') ? 'untracked' : query.hops.at(-1)?.headers.dst !== server ? 'dnat' : 'direct';
  // The learner's own lookups leave their lost races in the node's `conntrack -S`; the grader's leave nothing.
  const counted = (timings: LookupTiming[]) => {
    if (options.probe?.recordConntrack && pod.spec.nodeName) for (const t of timings) for (let k = 0; k < t.stalls; k++) world.nodes.conntrack(pod.spec.nodeName).loseInsertRace();
    return timings;
  };
  let misses = 0;
  const time = (steps: number) => {
    const timings = Array.from({ length: Math.min(MAX_TIMED_LOOKUPS, Math.max(1, options.lookups ?? 1)) }, () => lookupTiming(steps, path, stub, options.raceRandom ?? (() => world.random())));
    // Only the first lookup waited for the cache's forwards: the ones after it find the answers cached.
    if (timings[0]) timings[0].elapsedMs += misses * FORWARD_MISS_MS;
    return counted(timings);
  };
  for (const [i, fqdn] of names.entries()) {
    const response = queryClusterDns(world.cluster, fqdn, 'A');
    const addresses = addressesOf(response);
    options.observe?.(query, fqdn, addresses);
    if (cacheNode) {
      const served = serveAtNodeCache(world, cacheNode, `${fqdn}/A`, addresses.length > 0, sent);
      if (served.kind === 'servfail') return { kind: 'unreachable', name, reason: `${served.reason} (SERVFAIL for ${fqdn})`, giveUpMs: giveUpMs(stub, settings.nameservers.length) };
      if (served.kind === 'miss') {
        // What CoreDNS sees: the node's TCP query, not the pod's.
        options.observe?.(served.forward, fqdn, addresses);
        misses++;
      }
    }
    if (!addresses.length) continue;
    const limit = settings.options.some((o) => o.name === 'edns0') ? UDP_LIMIT_GLIBC_EDNS : UDP_LIMIT_NO_EDNS;
    if (!stub.useVc && truncatedOverUdp(fqdn, response, limit)) {
      // TC set: glibc asks the same question again over TCP, and takes nothing from the cut answer.
      const retry = sendProbe(world, { from: { kind: 'pod', namespace, name: pod.metadata.name }, dst: server, protocol: 'tcp', dport: 53 }, sent);
      if (retry.outcome.kind !== 'delivered' || !answersDns(world, retry)) {
        return { kind: 'unreachable', name, reason: `the answer for ${fqdn} was too large for UDP (TC set) and the retry over TCP to ${server}:53 got no answer (${whyUnanswered(retry, server)})`, giveUpMs: giveUpMs(stub, settings.nameservers.length) };
      }
    }
    const cnames = cnameChain(response);
    return { kind: 'resolved', name, fqdn, addresses, ...(cnames.length ? { cnames } : {}), timings: time(i + 1) };
  }
  return { kind: 'nxdomain', name, tried: names, timings: time(names.length) };
}

/** What stopped a query: the rule or policy that decided its last hop, or how the walk ended. */
function whyUnanswered(query: ProbeResult, server: string): string {
  const deciding = query.hops.filter((h) => h.kind === 'policy' || h.kind === 'drop' || h.kind === 'netfilter' || h.kind === 'nftables').at(-1);
  if (deciding) return hopSummary(deciding);
  const outcome = query.outcome;
  if (outcome.kind === 'refused') return `${server} refused the query`;
  if (outcome.kind === 'delivered') return `${server} does not serve DNS`;
  return outcomeReason(outcome);
}

/** Whether the pod the query reached runs CoreDNS, or the node's socket that took it is NodeLocal DNSCache's. */
function answersDns(world: PacketWorld, query: ProbeResult): boolean {
  if (query.outcome.kind !== 'delivered') return false;
  const at = query.outcome.at.pod;
  if (!at) return servedByNodeCache(query) !== undefined;
  const pod = world.cluster.get('pods', at.namespace, at.name);
  return !!pod?.spec.containers.some((c) => imageProfile(c.image)?.dns !== undefined);
}
