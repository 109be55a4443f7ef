// What NodeLocal DNSCache's cache holds on each node, and how a miss reaches CoreDNS. The addon's
// Corefile caches `cluster.local` answers with `cache { success 9984 30  denial 9984 5 }`: a
// positive answer for 30 s, an NXDOMAIN for 5 s. A miss is forwarded with `force_tcp` to the
// ClusterIP of node-cache's `-upstreamsvc` (kube-dns-upstream in the manifest: a second Service
// over the CoreDNS pods, since the kube-dns address itself is bound on the node), from the node's
// own network namespace: that TCP connection is an ordinary tracked, DNATed flow.
// The learner's cache lives as long as the session's network does (one per simulation, like the
// learner's race stream), not in snapshots: a restored session starts empty, as a restarted
// node-cache would. A grader's world starts with an empty one of its own.

import type { Cluster } from '../../cluster/cluster';
import type { ProbeOptions } from '../packet/walk';
import { sendProbe } from '../packet/walk';
import type { ProbeResult } from '../packet/types';
import type { PacketWorld } from '../packet/world';
import { nodeCacheUpstreamService } from './node-local-dns';
import { imageProfile } from '../apps/images';

/** The Corefile's `cache { success 9984 30; denial 9984 5 }`, in ms. */
export const CACHE_SUCCESS_TTL_MS = 30_000;
export const CACHE_DENIAL_TTL_MS = 5_000;

/** node → fqdn → when the cached answer expires. */
type NodeCaches = Map<string, Map<string, number>>;
const caches = new WeakMap<object, NodeCaches>();

function cachesOf(world: PacketWorld): NodeCaches {
  // Only the learner's world (the one that publishes to the capture hub) fills the session's
  // caches; a grader's world has one of its own, so a check neither reads nor leaves cached answers.
  const owner: object = world.capture ? world.nodes : world;
  let c = caches.get(owner);
  if (!c) caches.set(owner, (c = new Map()));
  return c;
}

/** Whether node-cache on `node` holds a live answer for `fqdn`. */
export function cacheHit(world: PacketWorld, node: string, fqdn: string): boolean {
  const expires = cachesOf(world).get(node)?.get(fqdn);
  return expires !== undefined && expires > world.nowMs;
}

export function cacheStore(world: PacketWorld, node: string, fqdn: string, positive: boolean): void {
  const c = cachesOf(world);
  let forNode = c.get(node);
  if (!forNode) c.set(node, (forNode = new Map()));
  forNode.set(fqdn, world.nowMs + (positive ? CACHE_SUCCESS_TTL_MS : CACHE_DENIAL_TTL_MS));
}

/** How node-cache served one question: from its cache, by a forward to CoreDNS, or not at all (SERVFAIL, with why). */
export type CacheServe = { kind: 'hit' } | { kind: 'miss'; forward: ProbeResult } | { kind: 'servfail'; reason: string };

/**
 * node-cache on `node` answers `key` (a question: name and type): a live cached answer, else a
 * forward over TCP to its upstream Service, which must reach a CoreDNS pod. `positive`: whether
 * CoreDNS's answer has records (the cache keeps it 30 s; a denial 5 s).
 */
export function serveAtNodeCache(world: PacketWorld, node: string, key: string, positive: boolean, options: ProbeOptions): CacheServe {
  if (cacheHit(world, node, key)) return { kind: 'hit' };
  const upstream = upstreamAddress(world.cluster, node);
  if (upstream.kind === 'none') return { kind: 'servfail', reason: `node-local-dns on ${node} has no upstream: Service ${upstream.service} not found` };
  const forward = sendProbe(world, { from: { kind: 'node', node }, dst: upstream.ip, protocol: 'tcp', dport: 53 }, options);
  if (servedByNodeCache(forward)) {
    // The upstream's address is bound on the node itself: the forward comes back to the cache (the loop plugin's case).
    return { kind: 'servfail', reason: `node-local-dns on ${node} forwards to ${upstream.ip}, an address it serves itself: a forwarding loop` };
  }
  if (!reachesCoreDns(world, forward)) return { kind: 'servfail', reason: `node-local-dns on ${node} got no answer from ${upstream.ip}:53/tcp` };
  cacheStore(world, node, key, positive);
  return { kind: 'miss', forward };
}

/** The node whose NodeLocal DNSCache took the query (its socket on the node accepted it); undefined when a pod did, or nothing. */
export function servedByNodeCache(query: ProbeResult): string | undefined {
  if (query.outcome.kind !== 'delivered' || query.outcome.at.pod) return undefined;
  const accepted = query.hops.at(-1);
  return accepted?.kind === 'deliver' && accepted.process === 'node-cache' ? query.outcome.at.node : undefined;
}

function reachesCoreDns(world: PacketWorld, probe: ProbeResult): boolean {
  const at = probe.outcome.kind === 'delivered' ? probe.outcome.at.pod : undefined;
  const pod = at && world.cluster.get('pods', at.namespace, at.name);
  return !!pod && pod.spec.containers.some((c) => imageProfile(c.image)?.dns === 'server');
}

function upstreamAddress(cluster: Cluster, node: string): { kind: 'ip'; ip: string } | { kind: 'none'; service: string } {
  const name = nodeCacheUpstreamService(cluster, node);
  const svc = cluster.get('services', 'kube-system', name);
  const ip = svc?.spec.clusterIP;
  return ip && ip !== 'None' ? { kind: 'ip', ip } : { kind: 'none', service: `kube-system/${name}` };
}
