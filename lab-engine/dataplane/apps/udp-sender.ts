// A container that keeps one UDP socket open and sends on it at a steady pace: what a statsd
// client inside an application does, written as a shell loop piped into one `nc -u`:
//
//   while true; do echo "checkout.orders:1|c"; sleep 10; done | nc -u statsd.monitoring 8125
//
// One nc, one socket, one source port for the container's whole life: every datagram is the same
// UDP flow to conntrack, which is what lets a flow outlive the endpoint it was DNATed to. (A loop
// that runs `nc -u` once per line opens a new socket, and a new flow, each time.) The source port
// is the kernel's ephemeral pick, here a stable hash of the container's identity, so the flow is
// the same after a restore; a restarted container gets a new socket and a new port.

import { LOCAL_PORT_RANGE_LOW, LOCAL_PORT_RANGE_COUNT } from '../../core/local-port-range';

/** The container fields the loop is read from. */
interface SenderContainer {
  readonly name: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
}

/** What the sender reads of a pod (a Pod, or the grader's read-only view of one). */
export interface SenderPod {
  readonly metadata: { readonly name: string; readonly uid?: string };
  readonly spec: { readonly containers: readonly SenderContainer[] };
  readonly status: { readonly phase?: string; readonly containerStatuses?: readonly { readonly name: string; readonly restartCount: number; readonly state: { readonly running?: { readonly startedAt: string } } }[] };
}

export interface UdpSender {
  container: string;
  /** The name or address `nc -u` was given, resolved the way the pod resolves names. */
  host: string;
  port: number;
  intervalMs: number;
  /** When the container (and so the socket) started, ms since epoch. */
  startedAtMs: number;
  sourcePort: number;
}

const PIPED_NC = /\|\s*(?:nc|netcat)((?:\s+-[A-Za-z]+\d*)+)\s+([A-Za-z0-9.-]+)\s+(\d{1,5})\s*$/;
/** `-u` alone or in a cluster (`-uv`): UDP. */
const UDP_FLAG = /(^|\s)-[A-Za-z]*u/;
const LOOP = /^\s*while\s+(?:true|:)\s*;\s*do\b[\s\S]*\bsleep\s+(\d+(?:\.\d+)?)\b[\s\S]*\bdone\s*\|/;

/** The steady UDP senders among a pod's running containers. */
export function udpSenders(pod: SenderPod): UdpSender[] {
  if (pod.status.phase !== 'Running') return [];
  const out: UdpSender[] = [];
  for (const c of pod.spec.containers) {
    const status = pod.status.containerStatuses?.find((s) => s.name === c.name);
    const started = status?.state.running?.startedAt;
    const loop = started ? senderLoop(c) : undefined;
    if (!loop || !started) continue;
    out.push({ container: c.name, ...loop, startedAtMs: Date.parse(started), sourcePort: sourcePort(`${pod.metadata.uid ?? pod.metadata.name}/${c.name}/${status?.restartCount ?? 0}`) });
  }
  return out;
}

/** `sh -c 'while true; do …; sleep N; done | nc -u HOST PORT'`, or undefined. */
export function senderLoop(c: SenderContainer): { host: string; port: number; intervalMs: number } | undefined {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const shell = argv.findIndex((a) => /(^|\/)(sh|ash|bash)$/.test(a));
  if (shell < 0 || argv[shell + 1] !== '-c' || argv[shell + 2] === undefined) return undefined;
  const script = argv[shell + 2];
  const loop = LOOP.exec(script);
  const nc = PIPED_NC.exec(script);
  if (!loop || !nc || !UDP_FLAG.test(nc[1])) return undefined;
  const port = Number(nc[3]);
  const intervalMs = Math.round(Number(loop[1]) * 1000);
  if (port < 1 || port > 65535 || intervalMs < 1000) return undefined;
  return { host: nc[2], port, intervalMs };
}

function sourcePort(key: string): number {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619) >>> 0;
  return LOCAL_PORT_RANGE_LOW + (hash % LOCAL_PORT_RANGE_COUNT);
}
