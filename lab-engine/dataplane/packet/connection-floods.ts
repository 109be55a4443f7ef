// The pods' per-line connection loops (apps/connection-flood.ts), moved along the simulation
// clock a second at a time. Walking every connection would cost thousands of walks a minute, so
// one sample walk finds the path a connection takes now (its nodes, the DNAT and masquerade each
// applies, how it ends), and each second's connections are admitted node by node as far as each
// conntrack table has room: the admitted ones become one cohort of flows (bulk-flows.ts), the rest
// are the first packets a full table drops, counted and logged as the kernel does. A connection
// the client's node refused never reaches the next node.

import { LOCAL_PORT_RANGE_LOW } from '../../core/local-port-range';
import type { Cluster } from '../../cluster/cluster';
import type { Pod } from '../../kube/types';
import { connectionFloods, type ConnectionFlood } from '../apps/connection-flood';
import { nthPort } from '../conntrack/bulk-flows';
import { TCP_TIMEOUT_SECONDS, tcpTimeout, UDP_UNREPLIED_TIMEOUT_SECONDS, type ConntrackTable, type TcpState, type Tuple } from '../conntrack/conntrack';
import type { Probe, ProbeOutcome } from './types';
import { sendProbe } from './walk';
import { nodesCrossed, type NodeSpan } from './walk-conntrack';
import type { PacketWorld } from './world';

/** Seconds of a long idle gap that are caught up; earlier ones' flows would have expired by now anyway. */
export const MAX_FLOOD_CATCH_UP_SECONDS = 3_600;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export interface FloodPorts {
  /** The dataplane at a moment, for the sample walk (no captures, no counters). */
  worldAt(nowMs: number): PacketWorld;
  resolve(pod: Pod, name: string, atMs: number): string | undefined;
}

/** The last second (ms) each loop (`uid/container/startedAt`) was caught up to. */
export type FloodState = Map<string, number>;

export function runConnectionFloods(state: FloodState, cluster: Cluster, ports: FloodPorts): void {
  const now = cluster.now();
  const alive = new Set<string>();
  for (const pod of cluster.list('pods')) {
    if (pod.spec.hostNetwork) continue;
    for (const flood of connectionFloods(pod)) {
      const key = `${pod.metadata.uid ?? pod.metadata.name}/${flood.container}/${flood.startedAtMs}`;
      alive.add(key);
      let first = (state.get(key) ?? flood.startedAtMs - 1000) + 1000;
      if (first > now) continue;
      const last = first + Math.floor((now - first) / 1000) * 1000;
      first = Math.max(first, last - (MAX_FLOOD_CATCH_UP_SECONDS - 1) * 1000);
      state.set(key, last);
      const dst = IPV4.test(flood.host) ? flood.host : ports.resolve(pod, flood.host, first);
      if (dst) floodSeconds(ports.worldAt(now), pod, flood, dst, first, last);
    }
  }
  for (const key of state.keys()) if (!alive.has(key)) state.delete(key);
}

function floodSeconds(world: PacketWorld, pod: Pod, flood: ConnectionFlood, dst: string, first: number, last: number): void {
  const probe: Probe = { from: { kind: 'pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name }, dst, protocol: flood.protocol, dport: flood.port, sport: LOCAL_PORT_RANGE_LOW };
  const sample = sendProbe({ ...world, capture: undefined, neighbours: undefined, pathOnly: true }, probe, { recordConntrack: false });
  const spans = nodesCrossed(sample.hops, sample.outcome).filter((s) => !s.droppedHere);
  for (let at = first; at <= last; at += 1000) {
    let n = flood.perSecond;
    const firstPort = nthPort(LOCAL_PORT_RANGE_LOW, Math.floor(at / 1000) * flood.perSecond);
    for (const span of spans) {
      const table = world.nodes.conntrack(span.node);
      const admitted = Math.min(n, table.room(at));
      if (admitted < n) table.refuse(at, n - admitted, 1000);
      n = admitted;
      if (n === 0) break;
      table.addBulk({ count: n, ...flowShape(table, span, flood.protocol, sample.outcome, firstPort, at) }, at);
    }
  }
}

/** The flows one node keeps for the flood's connections: tuples as that node saw them, and how they ended. */
function flowShape(table: ConntrackTable, span: NodeSpan, protocol: 'tcp' | 'udp', outcome: ProbeOutcome, sport: number, at: number) {
  const orig: Tuple = { src: span.first.src, dst: span.first.dst, sport, dport: span.first.dport ?? 0 };
  const reply: Tuple = { src: span.last.dst, dst: span.last.src, sport: span.last.dport ?? orig.dport, dport: sport };
  if (protocol === 'udp') {
    // A log line nothing answers: [UNREPLIED] until the 30 s run out.
    return { protocol, orig, reply, seenReply: false, assured: false, expiresAtMs: at + 1000 * UDP_UNREPLIED_TIMEOUT_SECONDS };
  }
  const state: TcpState = outcome.kind === 'delivered' ? 'TIME_WAIT' : outcome.kind === 'refused' ? 'CLOSE' : 'SYN_SENT';
  const answered = state !== 'SYN_SENT';
  return {
    protocol,
    orig,
    reply,
    tcpState: state,
    seenReply: answered,
    // Closed after an exchange: the handshake made it [ASSURED], which early_drop never evicts.
    assured: state === 'TIME_WAIT',
    expiresAtMs: at + 1000 * (state === 'TIME_WAIT' ? tcpTimeout(state, table.sysctl) : TCP_TIMEOUT_SECONDS[state]),
  };
}
