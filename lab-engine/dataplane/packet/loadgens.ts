// The pods whose program calls an external API at a steady rate (apps/outbound-client.ts), moved
// along the simulation clock second by second. Walking hundreds of connections a second through
// the dataplane would cost too much, so one connection is walked per catch-up, at its end, to
// learn what every connection of the client meets: its node's masquerade (and the source address
// it rewrites to) or whatever stops it. The connections themselves are counted: each second's
// new connections take source ports in the node's SnatPortTable, held for the node's conntrack
// TIME_WAIT after they close (keep-alive clients hold a standing pool instead), and those that
// find no free port fail as the kernel fails them, which the app logs as Go's dial timeout.

import type { Cluster } from '../../cluster/cluster';
import type { Pod } from '../../kube/types';
import { parseImageRef } from '../../cluster/images';
import { imageProfile } from '../apps/images';
import { CLIENT_TIMEOUT_SECONDS, dialTimeoutLine, type OutboundClient } from '../apps/outbound-client';
import type { SnatTuple } from '../conntrack/snat-ports';
import type { SenderPorts } from './udp-senders';
import { sendProbe } from './walk';

/** At most this many seconds are caught up at once: older connections' ports have been released by then. */
export const MAX_LOADGEN_CATCH_UP_SECONDS = 600;
/** At most this many failed calls are logged per client per second (a real client would log each). */
export const MAX_FAILURE_LINES_PER_SECOND = 3;

/** The last second (ms) each client (`ns/pod/container`) has been moved to. */
export type LoadgenState = Map<string, number>;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

interface DueClient {
  key: string;
  pod: Pod;
  container: string;
  client: OutboundClient;
  dst: string;
  /** The pod's address, the flows' original source. */
  src: string;
  /** The node and tuple its connections take, when its node masquerades them. */
  snat?: { node: string; tuple: SnatTuple };
  /** Every connection fails whatever the ports (a drop, a policy, no route). */
  blocked: boolean;
  from: number;
}

export function runLoadgens(state: LoadgenState, cluster: Cluster, ports: SenderPorts): void {
  const now = cluster.now();
  const alive = new Set<string>();
  const due: DueClient[] = [];
  for (const pod of cluster.list('pods')) {
    if (pod.status.phase !== 'Running' || pod.spec.hostNetwork || !pod.status.podIP) continue;
    for (const c of pod.spec.containers) {
      const ref = parseImageRef(c.image);
      const client = ref && imageProfile(ref)?.outbound?.(c);
      const started = pod.status.containerStatuses?.find((s) => s.name === c.name)?.state.running?.startedAt;
      if (!client || !started || client.rate === 0) continue;
      const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}/${c.name}`;
      alive.add(key);
      const last = state.get(key) ?? secondOf(Date.parse(started));
      const from = Math.max(last + 1000, secondOf(now) - (MAX_LOADGEN_CATCH_UP_SECONDS - 1) * 1000);
      if (from > now) continue;
      state.set(key, secondOf(now));
      const dst = IPV4.test(client.host) ? client.host : ports.resolve(pod, client.host, now);
      if (!dst) continue;
      due.push({ key, pod, container: c.name, client, dst, src: pod.status.podIP, ...pathOf(ports, pod, dst, client.port, now), from });
    }
  }
  for (const key of state.keys()) if (!alive.has(key)) state.delete(key);
  if (due.length === 0) return;
  // Second by second, every client in turn: clients on one node compete for the same ports.
  const first = Math.min(...due.map((d) => d.from));
  for (let t = first; t <= now; t += 1000) {
    for (const d of due) if (t >= d.from) runSecond(cluster, ports, d, t);
  }
}

/** What one connection from the pod meets now: its node's masquerade, or a stop. */
function pathOf(ports: SenderPorts, pod: Pod, dst: string, dport: number, now: number): Pick<DueClient, 'snat' | 'blocked'> {
  const world = ports.worldAt(now);
  const result = sendProbe(world, { from: { kind: 'pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name }, dst, protocol: 'tcp', dport }, { recordConntrack: false });
  const end = result.hops.at(-1);
  if (result.outcome.kind === 'dropped' && end?.kind === 'drop' && end.drop === 'snat-ports-exhausted') {
    return { snat: { node: end.node, tuple: { snatIp: end.snatIp, protocol: end.protocol, dst: end.dst, dport: end.dport } }, blocked: false };
  }
  if (result.outcome.kind !== 'delivered') return { blocked: true };
  const seen = result.outcome.at.sourceSeen;
  const node = pod.spec.nodeName;
  if (seen === pod.status.podIP || !node) return { blocked: false };
  return { snat: { node, tuple: { snatIp: seen, protocol: 'tcp', dst: result.outcome.at.ip, dport: result.outcome.at.port ?? dport } }, blocked: false };
}

function runSecond(cluster: Cluster, ports: SenderPorts, d: DueClient, t: number): void {
  let failed = 0;
  if (d.blocked) failed = d.client.keepAlive ? d.client.pool : d.client.rate;
  else if (d.snat) {
    const table = ports.worldAt(t).nodes.snatPorts(d.snat.node);
    const timeWaitMs = ports.worldAt(t).nodes.sysctls.timeWaitSeconds(d.snat.node) * 1000;
    if (d.client.keepAlive) {
      // The pool stays open; were the pod to go, its connections close and sit in TIME_WAIT.
      failed = d.client.pool - table.hold(d.snat.tuple, d.key, d.src, d.client.pool, t + timeWaitMs, t);
    } else {
      failed = d.client.rate - table.allocate(d.snat.tuple, d.src, d.client.rate, t + timeWaitMs, t);
    }
  }
  if (failed <= 0) return;
  // A dial with no SYN-ACK fails when the client's timeout runs out.
  const at = t + CLIENT_TIMEOUT_SECONDS * 1000;
  if (at > cluster.now()) return;
  const line = dialTimeoutLine(d.client, d.dst, at);
  for (let i = 0; i < Math.min(failed, MAX_FAILURE_LINES_PER_SECOND); i++) cluster.appendLog(d.pod.metadata.namespace ?? 'default', d.pod.metadata.name, d.container, line);
}

function secondOf(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
