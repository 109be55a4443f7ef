// What a node's kernel holds, as the network tools (iptables, iptables-save, ipvsadm, ipset,
// conntrack) see it from the shell they run in: the node itself, or the node of a hostNetwork
// pod. The tools' folders take these as resolvers, so they never reach into the session or the
// cluster model; the command table (./index.ts) hands them in when a tool is first loaded.

import type { CommandContext } from '../command-types';
import type { IpvsState } from '../../dataplane/kube-proxy/ipvs';
import type { NodeNetfilter } from './iptables/command';
import type { SetListing } from './ipset/list-sets';
import type { NodeConntrack } from './conntrack/conntrack';
import type { NodeKernelLog } from './dmesg/dmesg';
import type { NodeNftables } from './nft/nft';
import type { IpvsStatsView } from './ipvsadm/ipvsadm';
import { nodeCounters } from '../../dataplane/kube-proxy/netfilter/counter-store';

/** The node a shell's network tools look at: the node itself, or the node of a hostNetwork pod. */
function nodeOf(ctx: CommandContext): string | undefined {
  const loc = ctx.session?.location();
  if (loc?.kind === 'node') return loc.node;
  if (loc?.kind !== 'pod') return undefined;
  const pod = ctx.cluster.get('pods', loc.namespace, loc.pod);
  return pod?.spec.hostNetwork ? pod.spec.nodeName : undefined;
}

/** The tables kube-proxy (and kubelet) programmed on that node, from the same model the packet engine walks. */
export function nodeNetfilter(ctx: CommandContext): NodeNetfilter | undefined {
  const node = nodeOf(ctx);
  const world = node ? ctx.session?.network() : undefined;
  return node && world ? { tables: world.nodes.node(node).tables, nowMs: ctx.cluster.now(), counters: nodeCounters(world.nodes.counters, node) } : undefined;
}

/** The node's IPVS stats, which the learner's traffic through its virtual servers moves. */
export function nodeIpvsStats(ctx: CommandContext): IpvsStatsView | undefined {
  const node = nodeOf(ctx);
  const world = node ? ctx.session?.network() : undefined;
  if (!node || !world) return undefined;
  const store = world.nodes.counters;
  return { read: (entry) => store.ipvs(node, entry), zero: (only) => store.ipvsZero(node, only ? (entry) => !only(entry) : undefined), nowMs: ctx.cluster.now() };
}

/** IPVS as the node's kernel holds it: kube-proxy's virtual servers in IPVS mode, an empty table otherwise. */
export function nodeIpvs(ctx: CommandContext): IpvsState | undefined {
  const node = nodeOf(ctx);
  const world = node ? ctx.session?.network() : undefined;
  if (!node || !world) return undefined;
  return world.nodes.node(node).ipvs ?? { virtualServers: [], dummyAddresses: [], index: new Map(), rrCursor: new Map() };
}

/** The node's ipsets: kube-proxy's in IPVS mode, none in iptables mode (Calico's own sets are not simulated). */
export function nodeIpsets(ctx: CommandContext): SetListing | undefined {
  const node = nodeOf(ctx);
  const world = node ? ctx.session?.network() : undefined;
  if (!node || !world) return undefined;
  const programmed = world.nodes.node(node);
  return { sets: programmed.ipsets?.sets ?? [], tables: programmed.tables, node };
}

/** The node's connection-tracking table, which the learner's own traffic fills. */
export function nodeConntrack(ctx: CommandContext): NodeConntrack | undefined {
  const node = nodeOf(ctx);
  const world = node ? ctx.session?.network() : undefined;
  return node && world ? { table: world.nodes.conntrack(node), nowMs: ctx.cluster.now(), snat: world.nodes.snatPorts(node) } : undefined;
}

/**
 * The kernel's seconds start some before kubelet registers the Node; how many is this model's
 * figure, so that dmesg's stamps read like a machine's that booted just before joining.
 */
const KERNEL_BOOT_BEFORE_REGISTRATION_MS = 14_000;

/** The node's kernel ring buffer (what conntrack logged) and when the node booted. */
export function nodeKernelLog(ctx: CommandContext): NodeKernelLog | undefined {
  const node = nodeOf(ctx);
  const world = node ? ctx.session?.network() : undefined;
  if (!node || !world) return undefined;
  const created = Date.parse(ctx.cluster.get('nodes', undefined, node)?.metadata.creationTimestamp ?? '') || ctx.cluster.now();
  return { log: world.nodes.conntrack(node).kernelLog, bootMs: created - KERNEL_BOOT_BEFORE_REGISTRATION_MS };
}

/**
 * nftables as `nft` on the node lists it: kube-proxy's table in nftables mode, and the tables
 * iptables-nft (Ubuntu 24.04's iptables 1.8.10) keeps for kubelet's and the CNI's iptables rules.
 */
export function nodeNftables(ctx: CommandContext): NodeNftables | undefined {
  const node = nodeOf(ctx);
  const world = node ? ctx.session?.network() : undefined;
  if (!node || !world) return undefined;
  const programmed = world.nodes.node(node);
  const nft = programmed.nft;
  const iptablesTables = ['mangle', 'nat', 'filter'].flatMap((name) => [{ family: 'ip', name }, { family: 'ip6', name }]);
  // node-cache (NodeLocal DNSCache) writes IPv4 rules to raw: iptables-nft creates `table ip raw` then.
  if (programmed.tables.raw) iptablesTables.push({ family: 'ip', name: 'raw' });
  return { tables: nft ? [nft] : [], iptablesTables };
}
