// The stub resolver inside a pod with dnsPolicy ClusterFirst, as kubelet configures it
// (pkg/kubelet/network/dns: `search <ns>.svc.cluster.local svc.cluster.local cluster.local`,
// `nameserver 10.96.0.10`, `options ndots:5`): a name with fewer than five dots goes through the
// search list first. Every query is a UDP packet to kube-dns through the packet engine, so a
// policy that blocks port 53, or CoreDNS without endpoints, makes lookups fail the way they do on
// a real cluster. Programs (curl, wget, ping) and the grader's `dns` checks resolve through here.

import type { Pod } from '../../kube/types';
import type { ProbeResult } from '../packet/types';
import { sendProbe, type ProbeOptions } from '../packet/walk';
import { hopSummary } from '../packet/render-hop';
import { outcomeReason } from '../packet/render-outcome';
import type { PacketWorld } from '../packet/world';
import { addressesOf, cnameChain, CLUSTER_ZONE, queryClusterDns } from './cluster-dns';

export const CLUSTER_DNS_IP = '10.96.0.10';

export type PodLookup =
  /** `cnames`: the aliases the answer went through (an ExternalName's target and beyond), without the trailing dot. */
  | { kind: 'resolved'; name: string; fqdn: string; addresses: string[]; cnames?: string[] }
  | { kind: 'nxdomain'; name: string; tried: string[] }
  /** No answer from the nameserver: the query was dropped or refused on the way. */
  | { kind: 'unreachable'; name: string; reason: string }
  /** The pod does not use the cluster DNS (dnsPolicy Default, hostNetwork without ClusterFirstWithHostNet). */
  | { kind: 'not-cluster-dns'; name: string };

/** Called for each name the resolver asked CoreDNS, with the answer (for captures). */
export type QueryObserver = (query: ProbeResult, fqdn: string, addresses: string[]) => void;

export function usesClusterDns(pod: Pod): boolean {
  if (pod.spec.hostNetwork) return pod.spec.dnsPolicy === 'ClusterFirstWithHostNet';
  return pod.spec.dnsPolicy === 'ClusterFirst';
}

/** The names a stub resolver tries, in order: with ndots:5 a short name goes through the search list first. */
export function searchList(name: string, namespace: string): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const search = [`${namespace}.svc.${CLUSTER_ZONE}`, `svc.${CLUSTER_ZONE}`, CLUSTER_ZONE];
  const dots = name.split('.').length - 1;
  const searched = search.map((s) => `${name}.${s}`);
  return dots >= 5 ? [name, ...searched] : [...searched, name];
}

export function resolveInPod(world: PacketWorld, pod: Pod, name: string, options: { probe?: ProbeOptions; observe?: QueryObserver } = {}): PodLookup {
  if (!usesClusterDns(pod)) return { kind: 'not-cluster-dns', name };
  const namespace = pod.metadata.namespace ?? 'default';
  const names = searchList(name, namespace);
  const query = sendProbe(world, { from: { kind: 'pod', namespace, name: pod.metadata.name }, dst: CLUSTER_DNS_IP, protocol: 'udp', dport: 53 }, options.probe ?? { recordConntrack: false });
  if (query.outcome.kind !== 'delivered') {
    options.observe?.(query, names[0], []);
    const deciding = query.hops.filter((h) => h.kind === 'policy' || h.kind === 'drop' || h.kind === 'netfilter' || h.kind === 'nftables').at(-1);
    const why = deciding ? hopSummary(deciding) : query.outcome.kind === 'refused' ? 'kube-dns refused the query' : outcomeReason(query.outcome);
    return { kind: 'unreachable', name, reason: `no answer from ${CLUSTER_DNS_IP}:53 (${why})` };
  }
  for (const fqdn of names) {
    const response = queryClusterDns(world.cluster, fqdn, 'A');
    const addresses = addressesOf(response);
    options.observe?.(query, fqdn, addresses);
    if (addresses.length) {
      const cnames = cnameChain(response);
      return { kind: 'resolved', name, fqdn, addresses, ...(cnames.length ? { cnames } : {}) };
    }
  }
  return { kind: 'nxdomain', name, tried: names };
}
