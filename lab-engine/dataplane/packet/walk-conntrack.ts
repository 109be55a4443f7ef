// What a finished walk leaves in conntrack. Every node whose netfilter the packet passed keeps
// its own entry for the flow, with the tuple as that node saw it and the NAT it applied there: the
// client's node the DNAT to the endpoint (and any masquerade), the endpoint's node the flow as it
// arrived, already NATed. A node where the packet was dropped keeps nothing (the kernel confirms
// an entry only when the packet leaves the hooks). The TCP states follow a delivered or refused
// connection; the UDP timeouts follow nf_conntrack_udp_packet (conntrack.ts).
// The tunnel between two nodes is itself a flow of the nodes' kernels: Calico's IPIP packets
// (protocol 4) go through OUTPUT on the sender and PREROUTING on the receiver, so both keep a
// generic entry `unknown  4 600 src=<node> dst=<node> ...` that the flow's replies (in the
// other direction) mark as replied.
// VXLAN (flannel's flannel.1, UDP to 8472) is a UDP flow of the nodes' kernels as well, whose
// source port the vxlan driver derives from a hash of the inner flow (udp_flow_src_port, within
// ip_local_port_range): a reply's inner flow hashes to another port, so it never matches the
// first entry's reply tuple and each direction stays its own [UNREPLIED] entry (captures in
// projectcalico/calico#8934, confidential-containers/cloud-api-adaptor#2015); the kernel tracks
// them unless a raw-table NOTRACK rule says otherwise, which no simulated agent writes.
// The entry's mark is the ct mark, not KUBE-MARK-MASQ's skb mark (0x4000): nothing in kube-proxy's
// rules CONNMARKs, so it stays 0.

import type { ConntrackProtocol, ConntrackTable, Tuple } from '../conntrack/conntrack';
import type { Hop, ProbeOutcome } from './types';
import type { WalkState } from './walk-state';

/**
 * `oneWay`: a UDP datagram nothing answers (a statsd client's): delivered, yet the entry stays
 * [UNREPLIED]. A UDP packet of a flow a node already holds refreshes that entry instead of adding one.
 */
export function recordConntrack(w: WalkState, outcome: ProbeOutcome, closed: boolean, oneWay = false): void {
  if (w.h.protocol === 'icmp' || w.h.sport === undefined || w.original.dport === undefined) return;
  const protocol = w.h.protocol;
  const now = w.world.nowMs;
  const answered = outcome.kind === 'delivered' || outcome.kind === 'refused';
  for (const { node, first, last, droppedHere } of nodesCrossed(w.hops, outcome)) {
    // A NOTRACKed packet (NodeLocal DNSCache's queries) never gets an entry on that node.
    if (droppedHere || w.untracked.has(node)) continue;
    const table = w.world.nodes.conntrack(node);
    const orig: Tuple = { src: first.src, dst: first.dst, sport: first.sport ?? 0, dport: first.dport ?? 0 };
    const known = protocol === 'udp' ? table.lookup('udp', orig, now) : undefined;
    if (known?.direction === 'original') {
      table.update(known.entry, 'original', now);
      if (outcome.kind === 'delivered' && !oneWay) table.update(known.entry, 'reply', now);
      continue;
    }
    const dnat = last.dst !== orig.dst || last.dport !== orig.dport ? `${last.dst}:${last.dport ?? orig.dport}` : undefined;
    const entry = table.create(protocol, orig, { ...(dnat ? { dnat } : {}), ...(last.src !== orig.src ? { snat: last.src } : {}) }, now);
    if (!entry) continue;
    if (outcome.kind === 'delivered' && !(oneWay && protocol === 'udp')) table.update(entry, 'reply', now, protocol === 'tcp' ? 'syn-ack' : undefined);
    if (outcome.kind === 'delivered' && protocol === 'tcp') table.update(entry, 'original', now, 'ack');
    if (outcome.kind === 'delivered' && protocol === 'tcp' && closed) {
      // FIN from the client, FIN back, the last ACK: the kernel keeps the entry in TIME_WAIT.
      table.update(entry, 'original', now, 'fin');
      table.update(entry, 'reply', now, 'fin');
      table.update(entry, 'original', now, 'ack');
    }
    if (outcome.kind === 'refused' && protocol === 'tcp') table.update(entry, 'reply', now, 'rst');
  }
  // A SYN masquerade found no port for: the kernel counts the failed insert.
  const end = w.hops.at(-1);
  if (outcome.kind === 'dropped' && end?.kind === 'drop' && end.drop === 'snat-ports-exhausted') w.world.nodes.snatPorts(end.node).fail();
  for (const hop of w.hops) {
    if (hop.kind !== 'encap') continue;
    const nodes = [hop.node, w.nodeByIP(hop.outer.dst)].filter((n): n is string => n !== undefined);
    if (hop.tunnel === 'ipip') {
      const outer: Tuple = { src: hop.outer.src, dst: hop.outer.dst, sport: 0, dport: 0 };
      for (const node of nodes) touchGeneric(w.world.nodes.conntrack(node), 'ipip', outer, now, answered);
      continue;
    }
    const port = hop.port ?? VXLAN_PORT;
    const there: Tuple = { src: hop.outer.src, dst: hop.outer.dst, sport: vxlanSourcePort(hop.headers, false), dport: port };
    const back: Tuple = { src: hop.outer.dst, dst: hop.outer.src, sport: vxlanSourcePort(hop.headers, true), dport: port };
    for (const node of nodes) {
      touchOneWay(w.world.nodes.conntrack(node), there, now);
      if (answered) touchOneWay(w.world.nodes.conntrack(node), back, now);
    }
  }
}

/** Linux's IANA VXLAN port is 4789; flannel's vxlan backend uses the kernel's old default, 8472. */
const VXLAN_PORT = 8472;

/** A stand-in for udp_flow_src_port: a stable hash of the inner flow, in 32768–60999. */
function vxlanSourcePort(h: Hop['headers'], reverse: boolean): number {
  const key = reverse ? `${h.dst}|${h.src}|${h.dport ?? 0}|${h.sport ?? 0}|${h.protocol}` : `${h.src}|${h.dst}|${h.sport ?? 0}|${h.dport ?? 0}|${h.protocol}`;
  let hash = 2166136261;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619) >>> 0;
  return 32768 + (hash % (60999 - 32768 + 1));
}

/** A UDP flow whose answers never match it (VXLAN): refreshed in the original direction, or created. */
function touchOneWay(table: ConntrackTable, t: Tuple, now: number): void {
  const found = table.lookup('udp', t, now);
  const entry = found?.entry ?? table.create('udp', t, {}, now);
  if (entry && found) table.update(entry, found.direction, now);
}

/** A generic (address-only) flow: found in either direction and refreshed, or created. */
function touchGeneric(table: ConntrackTable, protocol: ConntrackProtocol, t: Tuple, now: number, replied: boolean): void {
  const found = table.lookup(protocol, t, now);
  const entry = found?.entry ?? table.create(protocol, t, {}, now);
  if (!entry) return;
  table.update(entry, found?.direction ?? 'original', now);
  if (replied) table.update(entry, found?.direction === 'reply' ? 'original' : 'reply', now);
}

export interface NodeSpan {
  node: string;
  /** The headers as the packet entered the node's hooks, and as it left them. */
  first: Hop['headers'];
  last: Hop['headers'];
  droppedHere: boolean;
}

/** The nodes whose kernel the packet passed, in order, with the headers it had coming in and going out. */
export function nodesCrossed(hops: readonly Hop[], outcome: ProbeOutcome): NodeSpan[] {
  const spans: NodeSpan[] = [];
  for (const hop of hops) {
    if (!hop.netns.startsWith('node/')) continue;
    const node = hop.netns.slice('node/'.length);
    const span = spans.find((s) => s.node === node);
    if (span) span.last = hop.headers;
    else spans.push({ node, first: hop.headers, last: hop.headers, droppedHere: false });
  }
  const end = hops.at(-1);
  // A REJECT answers with an ICMP error or a RST and drops the packet: its entry is never confirmed either.
  const lost = outcome.kind === 'dropped' || outcome.kind === 'unreachable' || (outcome.kind === 'refused' && outcome.by === 'reject-rule');
  if (lost && end?.netns.startsWith('node/')) {
    const span = spans.find((s) => s.node === end.netns.slice('node/'.length));
    if (span) span.droppedHere = true;
  }
  return spans;
}
