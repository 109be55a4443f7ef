// CoreDNS as the cluster's clients see it: one query in, one answer out, following the Corefile
// in kube-system/coredns (coredns-server.ts: server blocks, rewrite, hosts, kubernetes, forward,
// cache) with the kubernetes plugin's records (kubernetes-zone.ts) and the resolvers beyond the
// cluster (upstream.ts: a small simulated internet whose resolver knows the documentation domains
// and answers NXDOMAIN from the root for the rest, and a corporate DNS server).

import type { Cluster } from '../../cluster/cluster';
import { serveQuery } from './coredns-server';
import type { DnsResponse, QType } from './dns-types';

export { CLUSTER_ZONE, RECORD_TTL } from './kubernetes-zone';
export { QTYPES, type DnsResponse, type QType, type ResourceRecord } from './dns-types';
export { queryUpstream } from './upstream';

export function queryClusterDns(cluster: Cluster, qname: string, qtype: QType): DnsResponse {
  return serveQuery(cluster, qname, qtype);
}

/** The A records a stub resolver gets for a name, following a CNAME inside the zone. */
export function addressesOf(response: DnsResponse): string[] {
  return response.answers.filter((r) => r.type === 'A').map((r) => r.data);
}

/** The aliases an answer goes through, in order, without the trailing dot. */
export function cnameChain(response: DnsResponse): string[] {
  return response.answers.filter((r) => r.type === 'CNAME').map((r) => r.data.replace(/\.$/, ''));
}
