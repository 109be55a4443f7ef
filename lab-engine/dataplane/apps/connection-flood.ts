// A container that opens a new connection for every line it sends: a log shipper or metrics
// scraper written as a shell loop that runs `nc` once per iteration,
//
//   while true; do echo "$(date) level=info msg=tick" | nc -w1 logs.logging 5140; sleep 0.01; done
//
// Each nc is a new socket, a new source port, a new conntrack flow; a TCP one ends in TIME_WAIT
// (120 s) after the shipper closes it, so at 100 lines a second the node holds ~12 000 flows for
// this one pod. (Piping the whole loop into one nc, `while …; done | nc HOST PORT`, keeps a single
// connection: that is apps/udp-sender.ts's steady sender, not a flood.) With no sleep the loop
// runs as fast as the shell forks; that pace is a named bound, not a measurement.

import type { SenderPod } from './udp-sender';

/** Connections a second a loop without a sleep opens (fork + exec of nc and a short exchange each). */
export const MAX_FLOOD_CONNECTIONS_PER_SECOND = 200;

export interface ConnectionFlood {
  container: string;
  host: string;
  port: number;
  protocol: 'tcp' | 'udp';
  /** New connections a second. */
  perSecond: number;
  /** When the container started, ms since epoch. */
  startedAtMs: number;
}

const LOOP = /^\s*while\s+(?:true|:)\s*;\s*do\b([\s\S]*)\bdone\s*$/;
const NC_IN_BODY = /\|\s*(?:nc|netcat)((?:\s+-[A-Za-z]+\d*(?:\s+\d+)?)*)\s+([A-Za-z0-9.-]+)\s+(\d{1,5})\s*(?:;|$)/;
const SLEEP = /\bsleep\s+(\d+(?:\.\d+)?)\b/;
const UDP_FLAG = /(^|\s)-[A-Za-z]*u/;

/** The per-line connection loops among a pod's running containers. */
export function connectionFloods(pod: SenderPod): ConnectionFlood[] {
  if (pod.status.phase !== 'Running') return [];
  const out: ConnectionFlood[] = [];
  for (const c of pod.spec.containers) {
    const started = pod.status.containerStatuses?.find((s) => s.name === c.name)?.state.running?.startedAt;
    const loop = started ? floodLoop([...(c.command ?? []), ...(c.args ?? [])]) : undefined;
    if (loop && started) out.push({ container: c.name, ...loop, startedAtMs: Date.parse(started) });
  }
  return out;
}

/** `sh -c 'while true; do … | nc HOST PORT; sleep S; done'`, or undefined. */
export function floodLoop(argv: readonly string[]): Omit<ConnectionFlood, 'container' | 'startedAtMs'> | undefined {
  const shell = argv.findIndex((a) => /(^|\/)(sh|ash|bash)$/.test(a));
  if (shell < 0 || argv[shell + 1] !== '-c' || argv[shell + 2] === undefined) return undefined;
  const body = LOOP.exec(argv[shell + 2])?.[1];
  const nc = body ? NC_IN_BODY.exec(body) : undefined;
  if (!body || !nc) return undefined;
  const port = Number(nc[3]);
  if (port < 1 || port > 65535) return undefined;
  const sleep = SLEEP.exec(body);
  const seconds = sleep ? Number(sleep[1]) : 0;
  const perSecond = seconds > 0 ? Math.min(MAX_FLOOD_CONNECTIONS_PER_SECOND, Math.floor(1 / seconds)) : MAX_FLOOD_CONNECTIONS_PER_SECOND;
  if (perSecond < 1) return undefined;
  return { host: nc[2], port, protocol: UDP_FLAG.test(nc[1]) ? 'udp' : 'tcp', perSecond };
}
