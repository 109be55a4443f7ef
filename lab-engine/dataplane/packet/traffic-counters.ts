// Moves the kernel's counters with the learner's own traffic. A probe's walk is the first packet
// of a connection; the client program then says what it exchanged over it (the same description
// tcpdump's model reads), and this module counts every packet of that exchange where the kernel
// would:
// - nat chains see only a connection's first packet (conntrack remembers the NAT binding), so
//   they count the walk as it happened, once per connection;
// - filter chains see every packet: the later ones of the original direction are walked again
//   through the same hooks with conntrack state ESTABLISHED and no mark (skb->mark is per packet,
//   KUBE-MARK-MASQ set it on the first one only), replies through the mirrored hooks (FORWARD
//   stays FORWARD, a local sender's OUTPUT becomes INPUT and INPUT becomes OUTPUT) with the
//   addresses swapped; an unanswered SYN's retransmissions are still NEW;
// - mangle's hooks surround filter's for every packet (PREROUTING and INPUT or FORWARD before it,
//   POSTROUTING after FORWARD or OUTPUT if filter let the packet on): walked there too, so its
//   policies count what crossed the node;
// - in IPVS mode a packet for a virtual address crosses INPUT and is then sent on by IPVS: its
//   replies are forwarded back (FORWARD), they never cross OUTPUT;
// - IPVS counts a connection and every packet each way (InPkts client→server, OutPkts back).
// Sizes are IP total lengths as Linux sends them: a SYN or SYN-ACK with MSS, SACK, timestamps and
// window scale is 60 bytes, a later segment 52 plus its payload (the timestamp option), a RST 40;
// UDP 28 plus the DNS message; an echo 28 plus its data. A curl of a small page is thus
// SYN, SYN-ACK, ACK, request, ACK, response, ACK, FIN, FIN, ACK: six packets out, four back.
// Not counted: the ICMP error a REJECT rule sends (the node's own packet), traffic of the
// grader's probes and of `trace` (they never publish an exchange), nat for ICMP (the engine does
// not walk nat PREROUTING/OUTPUT for pings).

import { walkChain, ChainWalkError, type Packet, type Table, type WalkContext, type WalkResult } from '../kube-proxy';
import { chainSignature, ipvsDestKey, ipvsServiceKey, type CounterStore } from '../kube-proxy/netfilter/counter-store';
import { findChain } from '../kube-proxy/netfilter/rule';
import type { Exchange } from '../capture/types';
import { dnsQueryLength, rdataLength } from '../capture/conversation';
import type { ProbeResult } from './types';

/** One netfilter walk a probe made: on which node, from which built-in chain, with what packet. */
export interface HookWalk {
  node: string;
  table: Table;
  chain: string;
  packet: Packet;
  result: WalkResult;
  ctx: WalkContext;
  /** The node's mangle table: every packet crosses its hooks around filter's. */
  mangle?: Table;
}

interface Remembered {
  walks: HookWalk[];
  /** A second exchange over the same flow (curl's AAAA query after its A query) is not a new connection. */
  counted: boolean;
}

const remembered = new WeakMap<ProbeResult, Remembered>();

/** Kernel SYN retransmission times (initial RTO 1 s, doubling), ms after the first SYN. */
const SYN_RETRANSMITS_MS = [1000, 3000, 7000, 15000, 31000, 63000];
const TCP_SYN = 60;
const TCP_SEGMENT = 52;
const TCP_RST = 40;
const IP_UDP = 28;

const REPLY_CHAIN: Readonly<Record<string, string>> = { FORWARD: 'FORWARD', INPUT: 'OUTPUT', OUTPUT: 'INPUT' };

type Direction = 'orig' | 'reply';

interface Segment {
  dir: Direction;
  bytes: number;
  state: 'NEW' | 'ESTABLISHED';
}

/** The packet engine keeps a learner probe's walks until its client says what it exchanged. */
export function rememberWalks(result: ProbeResult, walks: HookWalk[]): void {
  remembered.set(result, { walks, counted: false });
}

/** Counts one client exchange over a probe's path (called when the client publishes its traffic). */
export function countTraffic(store: CounterStore, result: ProbeResult, exchange: Exchange, atMs: number): void {
  const rec = remembered.get(result);
  if (!rec) return;
  const newConnection = !rec.counted && !echoSeen(store, result, exchange, atMs);
  rec.counted = true;
  const first = firstPacketBytes(result, exchange);
  if (newConnection) {
    for (const w of rec.walks) {
      countWalk(store, w.node, w.table, w.chain, w.result, first);
      if (w.table.name === 'filter') mangleAround(store, w, w.chain, w.packet, w.result, first);
    }
  } else replay(store, rec.walks, { dir: 'orig', bytes: first, state: 'ESTABLISHED' });
  const rest = laterPackets(result, exchange);
  for (const seg of rest) replay(store, rec.walks, seg);
  countIpvs(store, result, [{ dir: 'orig', bytes: first, state: 'NEW' }, ...rest], newConnection, atMs);
}

/** nf_conntrack_proto_icmp: one flow per (source, destination, echo id), for 30 s after its last packet. */
const ICMP_TIMEOUT_MS = 30_000;
const echoFlows = new WeakMap<CounterStore, Map<string, number>>();

/** A later echo of a running `ping` belongs to the flow its first echo opened: no nat, ctstate ESTABLISHED. */
function echoSeen(store: CounterStore, result: ProbeResult, exchange: Exchange, atMs: number): boolean {
  if (exchange.kind !== 'icmp-echo') return false;
  const h = result.hops[0]?.headers;
  if (!h) return false;
  let flows = echoFlows.get(store);
  if (!flows) echoFlows.set(store, (flows = new Map()));
  const key = `${h.src}>${h.dst}#${exchange.id}`;
  const last = flows.get(key);
  flows.set(key, atMs);
  return last !== undefined && atMs - last <= ICMP_TIMEOUT_MS;
}

function firstPacketBytes(result: ProbeResult, exchange: Exchange): number {
  switch (exchange.kind) {
    case 'tcp':
      return result.hops[0]?.headers.sizeBytes ?? TCP_SYN;
    case 'dns':
      return IP_UDP + dnsQueryLength(exchange.qname);
    case 'icmp-echo':
      return IP_UDP + exchange.dataBytes;
    default: {
      const never: never = exchange;
      return never;
    }
  }
}

/** Every packet after the first, in order, as the client and server would send them. */
function laterPackets(result: ProbeResult, exchange: Exchange): Segment[] {
  const outcome = result.outcome;
  const out = (bytes: number, state: Segment['state'] = 'ESTABLISHED'): Segment => ({ dir: 'orig', bytes, state });
  const back = (bytes: number): Segment => ({ dir: 'reply', bytes, state: 'ESTABLISHED' });
  switch (exchange.kind) {
    case 'tcp': {
      if (outcome.kind === 'refused') return outcome.by === 'reject-rule' ? [] : [back(TCP_RST)];
      if (outcome.kind !== 'delivered') {
        const syn = firstPacketBytes(result, exchange);
        return SYN_RETRANSMITS_MS.filter((at) => at <= (exchange.waitedMs ?? 0)).map(() => out(syn, 'NEW'));
      }
      const segs = [back(TCP_SYN), out(TCP_SEGMENT)];
      if (exchange.request) segs.push(out(TCP_SEGMENT + exchange.request.bytes), back(TCP_SEGMENT));
      if (exchange.response) segs.push(back(TCP_SEGMENT + exchange.response.bytes), out(TCP_SEGMENT));
      segs.push(out(TCP_SEGMENT), back(TCP_SEGMENT), out(TCP_SEGMENT));
      return segs;
    }
    case 'dns': {
      const query = dnsQueryLength(exchange.qname);
      if (outcome.kind === 'refused') return [back(IP_UDP + IP_UDP + query)];
      if (outcome.kind !== 'delivered') return [];
      const a = exchange.answer;
      return [back(IP_UDP + query + a.records.reduce((n, r) => n + 12 + rdataLength(r), 0) + a.authority * 54 + (a.additional ?? 0) * 16)];
    }
    case 'icmp-echo':
      return outcome.kind === 'delivered' ? [back(IP_UDP + exchange.dataBytes)] : [];
    default: {
      const never: never = exchange;
      return never;
    }
  }
}

/** One later packet through the filter hooks the first one crossed (mirrored for a reply). */
function replay(store: CounterStore, walks: readonly HookWalk[], seg: Segment): void {
  const filter = walks.filter((w) => w.table.name === 'filter');
  // A reply never crosses OUTPUT where IPVS took the original at INPUT and sent it on.
  const resent = (w: HookWalk, i: number) => w.chain === 'INPUT' && filter.slice(i + 1).some((later) => later.node === w.node);
  const order = seg.dir === 'orig' ? filter : filter.filter((w, i) => !resent(w, i)).reverse();
  for (const w of order) {
    const chain = seg.dir === 'orig' ? w.chain : REPLY_CHAIN[w.chain];
    if (!chain) continue;
    const p = w.packet;
    const packet: Packet =
      seg.dir === 'orig'
        ? { ...p, mark: 0, ctstate: [seg.state] }
        : { src: p.dst, dst: p.src, protocol: p.protocol, ...(p.dport !== undefined ? { sport: p.dport } : {}), ...(p.sport !== undefined ? { dport: p.sport } : {}), mark: 0, ctstate: [seg.state] };
    // No draws from the session's RNG and no affinity memory: a later packet decides nothing new.
    const ctx: WalkContext = { ...w.ctx, random: () => 0, recent: undefined, observe: undefined };
    let r: WalkResult;
    try {
      r = walkChain(w.table, chain, packet, ctx);
    } catch (e) {
      if (e instanceof ChainWalkError) return;
      throw e;
    }
    countWalk(store, w.node, w.table, chain, r, seg.bytes);
    mangleAround(store, w, chain, packet, r, seg.bytes);
    const v = r.verdict;
    if (v.kind === 'DROP' || v.kind === 'REJECT' || (v.kind === 'POLICY' && v.policy === 'DROP')) return;
  }
}

/** mangle's hooks before and after a filter hook (ip_tables priorities: mangle -150, filter 0). */
const MANGLE_AROUND: Readonly<Record<string, { before: readonly string[]; after: readonly string[] }>> = {
  FORWARD: { before: ['PREROUTING', 'FORWARD'], after: ['POSTROUTING'] },
  INPUT: { before: ['PREROUTING', 'INPUT'], after: [] },
  OUTPUT: { before: ['OUTPUT'], after: ['POSTROUTING'] },
};

function mangleAround(store: CounterStore, w: HookWalk, filterChain: string, packet: Packet, filtered: WalkResult, bytes: number): void {
  const around = MANGLE_AROUND[filterChain];
  if (!w.mangle || !around) return;
  const v = filtered.verdict;
  const passed = !(v.kind === 'DROP' || v.kind === 'REJECT' || (v.kind === 'POLICY' && v.policy === 'DROP'));
  const ctx: WalkContext = { ...w.ctx, random: () => 0, recent: undefined, observe: undefined };
  for (const chain of [...around.before, ...(passed ? around.after : [])]) {
    try {
      countWalk(store, w.node, w.mangle, chain, walkChain(w.mangle, chain, packet, ctx), bytes);
    } catch (e) {
      if (!(e instanceof ChainWalkError)) throw e;
    }
  }
}

/** Every rule the walk matched counts the packet; falling off a built-in chain counts its policy. */
function countWalk(store: CounterStore, node: string, table: Table, startChain: string, r: WalkResult, bytes: number): void {
  const signature = (chain: string) => () => chainSignature(findChain(table, chain)?.rules ?? []);
  for (const m of r.matchedRules) store.add(node, m.table, m.chain, m.ruleNumber - 1, 1, bytes, signature(m.chain));
  if (r.verdict.kind === 'POLICY') store.add(node, table.name, startChain, 'policy', 1, bytes, signature(startChain));
}

function countIpvs(store: CounterStore, result: ProbeResult, segs: readonly Segment[], newConnection: boolean, atMs: number): void {
  for (const hop of result.hops) {
    if (hop.kind !== 'ipvs' || !hop.realServer) continue;
    const sum = (dir: Direction) => segs.filter((s) => s.dir === dir);
    const inn = sum('orig');
    const back = sum('reply');
    const event = {
      atMs,
      conns: newConnection ? 1 : 0,
      inPkts: inn.length,
      outPkts: back.length,
      inBytes: inn.reduce((n, s) => n + s.bytes, 0),
      outBytes: back.reduce((n, s) => n + s.bytes, 0),
    };
    const vs = ipvsServiceKey(hop.virtualServer.protocol, hop.virtualServer.address, hop.virtualServer.port);
    store.ipvsAdd(hop.node, vs, event);
    store.ipvsAdd(hop.node, ipvsDestKey(vs, hop.realServer.address, hop.realServer.port), event);
  }
}
