// What nslookup, dig and host share: the resolver configuration of the place the shell stands
// (/etc/resolv.conf: kubelet's in a pod, systemd-resolved's stub on a node), and one query sent
// as a UDP packet through the packet engine to a server. A query to CoreDNS (the kube-dns
// ClusterIP, or a CoreDNS pod directly) is answered by the cluster zone, one NodeLocal DNSCache takes
// on the node by its cache or a forward to CoreDNS; a NetworkPolicy or a
// dead CoreDNS makes it time out as on a real cluster. systemd-resolved on a node forwards to the
// outside world, which knows nothing of cluster.local. Every query shows up in tcpdump.

import type { CommandContext } from '../../command-types';
import { parseImageRef } from '../../../cluster/images';
import { logDnsQuery } from '../../../dataplane/dns/query-log';
import { queryClusterDns, queryUpstream, type DnsResponse, type QType } from '../../../dataplane/dns/cluster-dns';
import { sendProbe } from '../../../dataplane/packet/walk';
import { queryServerAt } from '../../../dataplane/dns/upstream';
import { outcomeReason } from '../../../dataplane/packet/render-outcome';
import type { ProbeResult } from '../../../dataplane/packet/types';
import { sourceOf } from '../curl/http-client';
import { serveAtNodeCache, servedByNodeCache } from '../../../dataplane/dns/node-local-cache';
import type { PacketWorld } from '../../../dataplane/packet/world';

export interface ResolverConfig {
  nameservers: string[];
  search: string[];
  ndots: number;
}

/** The systemd-resolved stub on every node. */
export const NODE_STUB_RESOLVER = '127.0.0.53';

export function resolverConfig(ctx: CommandContext): ResolverConfig {
  const text = ctx.fs.read('/etc/resolv.conf') ?? '';
  const config: ResolverConfig = { nameservers: [], search: [], ndots: 1 };
  for (const line of text.split('\n')) {
    const [key, ...values] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (key === 'nameserver' && values[0]) config.nameservers.push(values[0]);
    if (key === 'search') config.search = values.filter((v) => v !== '.');
    if (key === 'options') for (const o of values) if (o.startsWith('ndots:')) config.ndots = Number(o.slice(6)) || 1;
  }
  if (config.nameservers.length === 0) config.nameservers.push(NODE_STUB_RESOLVER);
  return config;
}

export type QueryOutcome =
  | { kind: 'answer'; response: DnsResponse; server: string }
  /** Nothing answered: the packet was dropped (policy, no route) or nobody serves DNS there. */
  | { kind: 'timeout'; server: string; why: string }
  /** The host answered with ICMP port unreachable: nothing listens on 53 there. */
  | { kind: 'refused'; server: string };

/** What the client puts in its query besides the question: dig adds an EDNS OPT record with a cookie. */
export interface QueryShape {
  optBytes: number;
  bufsize: number;
}

export function sendQuery(ctx: CommandContext, server: string, qname: string, qtype: QType, shape?: QueryShape): QueryOutcome {
  const loc = ctx.session?.location() ?? { kind: 'workstation' as const };
  if (server === NODE_STUB_RESOLVER || server === '127.0.0.1') {
    // systemd-resolved forwards to the upstream resolver, outside the cluster.
    return { kind: 'answer', response: queryUpstream(qname, qtype), server };
  }
  // A DNS server outside the cluster's network (the corporate one behind the VPN, a public resolver) answers as upstream.ts says.
  const outside = queryServerAt(server, qname, qtype);
  if (outside) return { kind: 'answer', response: outside, server };
  const world = ctx.session?.network();
  if (!world) return { kind: 'timeout', server, why: 'no network here' };
  const probe = sendProbe(world, { from: sourceOf(loc), dst: server, protocol: 'udp', dport: 53 }, { recordConntrack: true });
  const outcome = probe.outcome;
  const id = queryId(`${qname}/${qtype}`, ctx.cluster.now());
  if (outcome.kind === 'refused') {
    publish(ctx, probe, id, qname, qtype, undefined);
    return { kind: 'refused', server };
  }
  const cacheNode = servedByNodeCache(probe);
  if (cacheNode) return answerFromNodeCache(ctx, world, cacheNode, probe, { id, qname, qtype, server, ...(shape ? { shape } : {}) });
  if (outcome.kind !== 'delivered' || !servesDns(ctx, outcome.at.pod)) {
    publish(ctx, probe, id, qname, qtype, undefined);
    return { kind: 'timeout', server, why: outcome.kind === 'delivered' ? `${server} is not a DNS server` : outcomeReason(outcome) };
  }
  const response = queryClusterDns(ctx.cluster, qname, qtype);
  publish(ctx, probe, id, qname, qtype, response);
  logDnsQuery(ctx.cluster, probe, { id, qname, qtype, response, ...(shape ?? {}) });
  return { kind: 'answer', response, server };
}

/** NodeLocal DNSCache took the query on the node: its cache answers, or a forward to CoreDNS does (which CoreDNS logs), or SERVFAIL. */
function answerFromNodeCache(ctx: CommandContext, world: PacketWorld, node: string, probe: ProbeResult, q: { id: number; qname: string; qtype: QType; server: string; shape?: QueryShape }): QueryOutcome {
  const upstream = queryClusterDns(ctx.cluster, q.qname, q.qtype);
  const served = serveAtNodeCache(world, node, `${q.qname.replace(/\.$/, '')}/${q.qtype}`, upstream.answers.length > 0, { recordConntrack: true });
  if (served.kind === 'miss') logDnsQuery(ctx.cluster, served.forward, { id: q.id, qname: q.qname, qtype: q.qtype, response: upstream, ...(q.shape ?? {}) });
  // The cache's answers are not authoritative: it got them by recursion.
  const response = served.kind === 'servfail' ? { rcode: 'SERVFAIL' as const, authoritative: false, answers: [], authority: [], additional: [] } : { ...upstream, authoritative: false };
  publish(ctx, probe, q.id, q.qname, q.qtype, response);
  return { kind: 'answer', response, server: q.server };
}

function servesDns(ctx: CommandContext, pod: { namespace: string; name: string } | undefined): boolean {
  if (!pod) return false;
  const p = ctx.cluster.get('pods', pod.namespace, pod.name);
  return !!p?.spec.containers.some((c) => parseImageRef(c.image)?.repository.endsWith('/coredns'));
}

function publish(ctx: CommandContext, probe: ProbeResult, id: number, qname: string, qtype: QType, response: DnsResponse | undefined): void {
  const world = ctx.session?.network();
  // Published even when nobody captures: the hub also meters the kernel's counters.
  if (!world?.capture) return;
  const answer = response
    ? { rcode: response.rcode, records: response.answers.map((r) => ({ type: r.type, data: r.data })), authority: response.authority.length, additional: response.additional.length }
    : { rcode: 'NOERROR' as const, records: [], authority: 0 };
  world.capture.publish(world, probe, { kind: 'dns', id, qtype, qname: qname.endsWith('.') ? qname : `${qname}.`, answer });
}

/** A query's 16-bit ID: random on a real resolver, here a hash of the question and the time. */
function queryId(question: string, nowMs: number): number {
  let x = 2166136261 ^ nowMs;
  for (const c of question) x = Math.imul(x ^ c.charCodeAt(0), 16777619);
  return (x >>> 0) % 65536;
}

/** The names a resolver tries for `name`, in order (resolv.conf's search list and ndots). */
export function searchNames(name: string, config: ResolverConfig): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = config.search.map((s) => `${name}.${s}`);
  return dots >= config.ndots ? [name, ...searched] : [...searched, name];
}

/** `10.96.0.1` → `1.0.96.10.in-addr.arpa` */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

export const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
