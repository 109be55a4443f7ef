// The pods' steady UDP senders (apps/udp-sender.ts), moved along the simulation clock: every
// datagram due since the last catch-up is walked through the dataplane as the learner's own
// traffic, from the sender's one socket, so it finds the flow its node's conntrack holds (and
// whatever NAT that flow got when it began). A long gap is caught up at a stride below the UDP
// timeout rather than datagram by datagram: the walks see today's cluster anyway, and all the
// skipped datagrams would do is refresh the same entries, which the stride keeps alive.

import type { Cluster } from '../../cluster/cluster';
import type { Pod } from '../../kube/types';
import { udpSenders, type UdpSender } from '../apps/udp-sender';
import { UDP_UNREPLIED_TIMEOUT_SECONDS } from '../conntrack/conntrack';
import type { Probe, ProbeResult } from './types';
import { sendProbe } from './walk';
import type { PacketWorld } from './world';

/** At most this many walks per sender in one catch-up (past ~8 h of idle the flow lapses, as if the client paused). */
export const MAX_SENDS_PER_CATCH_UP = 1_000;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export interface SenderPorts {
  /** The learner's world at a moment (the walk's conntrack and captures). */
  worldAt(nowMs: number): PacketWorld;
  /** The address a pod's resolver gives a name at a moment, or undefined (nc then exits: "bad address"). */
  resolve(pod: Pod, name: string, atMs: number): string | undefined;
}

/** Last send time per sender socket (`ns/pod/container/sport`). */
export type SenderState = Map<string, number>;

/**
 * Walks every datagram due up to the cluster's now, all senders' in time order (a walk expires
 * what is older than its own moment, so one sender's later datagram must not run ahead of another's
 * earlier one). Returns the last result per sender, for tests.
 */
export function runUdpSenders(state: SenderState, cluster: Cluster, ports: SenderPorts): Map<string, ProbeResult> {
  const now = cluster.now();
  const alive = new Set<string>();
  const due: { key: string; pod: Pod; sender: UdpSender; times: number[] }[] = [];
  for (const pod of cluster.list('pods')) {
    if (pod.spec.hostNetwork) continue;
    for (const sender of udpSenders(pod)) {
      const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}/${sender.container}/${sender.sourcePort}`;
      alive.add(key);
      const last = state.get(key);
      const times = sendTimes(last === undefined ? sender.startedAtMs : last + sender.intervalMs, now, sender.intervalMs);
      if (times.length > 0) due.push({ key, pod, sender, times });
    }
  }
  for (const key of state.keys()) if (!alive.has(key)) state.delete(key);
  const results = new Map<string, ProbeResult>();
  if (due.length === 0) return results;
  const earliest = Math.min(...due.map((d) => d.times[0]));
  const sends: { at: number; key: string; probe: Probe }[] = [];
  for (const { key, pod, sender, times } of due) {
    // The name is resolved first, at the earliest moment: a lookup is a walk too.
    const dst = IPV4.test(sender.host) ? sender.host : ports.resolve(pod, sender.host, earliest);
    state.set(key, times[times.length - 1]);
    if (!dst) continue;
    const probe: Probe = { from: { kind: 'pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name }, dst, protocol: 'udp', dport: sender.port, sport: sender.sourcePort };
    for (const at of times) sends.push({ at, key, probe });
  }
  sends.sort((a, b) => a.at - b.at);
  for (const { at, key, probe } of sends) results.set(key, sendProbe(ports.worldAt(at), probe, { oneWay: true }));
  return results;
}

/**
 * The datagrams to walk from `first` to `now`: the first and the last due, and between them every
 * k-th, k the most that keeps two walks closer than the unreplied UDP timeout.
 */
export function sendTimes(first: number, now: number, intervalMs: number): number[] {
  if (first > now) return [];
  const last = first + Math.floor((now - first) / intervalMs) * intervalMs;
  const stride = Math.max(1, Math.floor((UDP_UNREPLIED_TIMEOUT_SECONDS * 1000 - 1) / intervalMs)) * intervalMs;
  const times: number[] = [];
  for (let t = first; t < last && times.length < MAX_SENDS_PER_CATCH_UP - 1; t += stride) times.push(t);
  times.push(last);
  return times;
}
