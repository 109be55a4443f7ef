// How a client program in a shell turns a host name into an address: /etc/hosts first, then, in
// a pod with dnsPolicy ClusterFirst, the cluster DNS at 10.96.0.10 through the search list of
// kubelet's resolv.conf (ndots:5). Each DNS query is a UDP packet to kube-dns sent through the
// packet engine, so a NetworkPolicy that blocks egress to CoreDNS makes names stop resolving, as
// it does on a real cluster. Answers follow the Kubernetes DNS spec for Services (ClusterIP; the
// ready endpoints for a headless Service) and pod A records (a-b-c-d.<ns>.pod.cluster.local).
// The workstation and the nodes do not use the cluster DNS (systemd-resolved on the nodes), so
// Service names do not resolve there: that is the real behaviour learners trip over. Outside
// names go to the simulated internet's resolver (dataplane/dns/upstream.ts) from everywhere.

import type { Cluster } from '../../cluster/cluster';
import type { PacketWorld } from '../../dataplane/packet/world';
import type { ProbeResult } from '../../dataplane/packet/types';
import { addressesOf, queryClusterDns } from '../../dataplane/dns/cluster-dns';
import { learnerRaceStream, podSearchList, resolveInPod, usesClusterDns } from '../../dataplane/dns/pod-resolver';
import { corefileLogs, logDnsQuery } from '../../dataplane/dns/query-log';
import { upstreamAddress } from '../../dataplane/dns/upstream';
import type { ShellLocation } from './location';

export type Resolution =
  | { ok: true; ip: string; fqdn?: string }
  | { ok: false; reason: 'nxdomain' | 'timeout'; detail: string };

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** The resolver gives up on a silent server after timeout × attempts (resolv.conf defaults: 5 s, 2). */
export const DNS_GIVE_UP_MS = 10_000;

export function resolveHost(name: string, loc: ShellLocation, cluster: Cluster, files: { read(path: string): string | undefined }, world: PacketWorld | undefined): Resolution {
  if (IPV4.test(name)) return { ok: true, ip: name };
  const fromHosts = hostsLookup(files.read('/etc/hosts') ?? '', name);
  if (fromHosts) return { ok: true, ip: fromHosts };
  if (name === 'localhost') return { ok: true, ip: '127.0.0.1' };
  if (loc.kind !== 'pod') {
    // Node names resolve on the node network; cluster names do not, outside the cluster DNS.
    const node = cluster.get('nodes', undefined, name);
    const ip = node?.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? upstreamAddress(name);
    return ip ? { ok: true, ip } : { ok: false, reason: 'nxdomain', detail: `${name} is not known to ${loc.kind === 'node' ? 'the node' : 'the workstation'}'s DNS (only pods use the cluster DNS)` };
  }
  const pod = cluster.get('pods', loc.namespace, loc.pod);
  if (!pod || !usesClusterDns(pod)) {
    return { ok: false, reason: 'nxdomain', detail: `${name}: this pod uses the node's resolver, not the cluster DNS` };
  }
  if (!world) {
    // No network to send through (a capture filter naming a host): read the zone directly.
    for (const fqdn of podSearchList(pod, name)) {
      const ip = clusterRecord(cluster, fqdn);
      if (ip) return { ok: true, ip, fqdn };
    }
    return { ok: false, reason: 'nxdomain', detail: `${name}: NXDOMAIN for every name in the search list` };
  }
  const logging = corefileLogs(cluster);
  const lookup = resolveInPod(world, pod, name, {
    // The learner's own lookup: the query leaves its conntrack entries (udp to 10.96.0.10:53) like any packet.
    probe: { recordConntrack: true },
    raceRandom: learnerRaceStream(world),
    observe: (query, fqdn, addresses) => {
      publishLookup(world, query, fqdn, addresses[0]);
      if (logging) logLookup(cluster, world, query, fqdn);
    },
  });
  switch (lookup.kind) {
    case 'resolved':
      return { ok: true, ip: lookup.addresses[0], fqdn: lookup.fqdn };
    case 'unreachable':
      return { ok: false, reason: 'timeout', detail: lookup.reason };
    case 'nxdomain':
      return { ok: false, reason: 'nxdomain', detail: `${name}: NXDOMAIN for every name in the search list` };
    case 'not-cluster-dns':
      return { ok: false, reason: 'nxdomain', detail: `${name}: this pod uses the node's resolver, not the cluster DNS` };
    default: {
      const never: never = lookup;
      return never;
    }
  }
}

/**
 * What a capture sees of one name lookup: the stub resolver asks for A and AAAA from one socket;
 * CoreDNS answers A with the record, and an IPv4-only cluster's AAAA with no data and the SOA.
 */
function publishLookup(world: PacketWorld, query: ProbeResult, fqdn: string, ip: string | undefined): void {
  // Published even when nobody captures: the hub also meters the kernel's counters.
  if (!world.capture) return;
  const id = (fnv(fqdn) + world.nowMs) % 65536;
  const qname = `${fqdn}.`;
  const none = { rcode: ip ? ('NOERROR' as const) : ('NXDOMAIN' as const), records: [], authority: 1 };
  world.capture.publish(world, query, { kind: 'dns', id, qtype: 'A', qname, answer: ip ? { rcode: 'NOERROR', records: [{ type: 'A', data: ip }], authority: 0 } : none });
  world.capture.publish(world, query, { kind: 'dns', id: (id + 1) % 65536, qtype: 'AAAA', qname, answer: none });
}

/** The stub resolver's A and AAAA queries for one name, as CoreDNS's log plugin records them. */
function logLookup(cluster: Cluster, world: PacketWorld, query: ProbeResult, fqdn: string): void {
  const id = (fnv(fqdn) + world.nowMs) % 65536;
  logDnsQuery(cluster, query, { id, qname: fqdn, qtype: 'A', response: queryClusterDns(cluster, fqdn, 'A') });
  logDnsQuery(cluster, query, { id: (id + 1) % 65536, qname: fqdn, qtype: 'AAAA', response: queryClusterDns(cluster, fqdn, 'AAAA') });
}

function fnv(text: string): number {
  let x = 2166136261;
  for (const c of text) x = Math.imul(x ^ c.charCodeAt(0), 16777619);
  return x >>> 0;
}

function hostsLookup(hosts: string, name: string): string | undefined {
  for (const line of hosts.split('\n')) {
    const [ip, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (ip && IPV4.test(ip) && names.includes(name)) return ip;
  }
  return undefined;
}

/** The address a stub resolver takes for a fully qualified name: CoreDNS's first A record (through a CNAME in the zone). */
export function clusterRecord(cluster: Cluster, fqdn: string): string | undefined {
  return addressesOf(queryClusterDns(cluster, fqdn, 'A'))[0];
}
