// Which sockets a pod's containers hold open: what the packet engine asks before it completes a
// handshake ("Connection refused" when nothing listens) and what `ss -tlnp` prints. A container
// listens where its image's program listens (its profile's `listeners`: nginx on 80, http-echo
// on -listen, agnhost netexec on --http-port...), not where the manifest's containerPorts say:
// containerPorts are informational in Kubernetes. An image Flatnet does not know listens on its
// declared containerPorts.

import type { Container, Pod } from '../../kube/types';
import type { Listeners, PortSource, SocketHolding, SocketProtocol, SocketSpec } from './image-profile';
import { imageProfile } from './images';
import { sigtermAt } from '../../cluster/lifecycle/termination-timing';

export type { SocketProtocol } from './image-profile';

export interface ListeningSocket {
  protocol: SocketProtocol;
  /** `0.0.0.0` or `*` for every address, as ss prints it. */
  address: string;
  port: number;
  /** The process name ss shows in `users:(("nginx",pid=1,fd=6))`. */
  process: string;
  container: string;
  /** How the program holds it, where that differs from a Go server's (nginx's workers, backlog, IPv6 twin). */
  holding?: SocketHolding;
}

/**
 * Every listening socket in the pod's network namespace (all containers share it). With `nowMs`,
 * as they are at that moment: a program opens its sockets its image's startupMs after the
 * container started, and closes them when SIGTERM arrives (after any preStop hook). Without it,
 * as a settled server holds them (what `ss` lists).
 */
export function listeningSockets(pod: Pod, nowMs?: number): ListeningSocket[] {
  if (pod.status.phase !== 'Running') return [];
  const sigterm = sigtermAt(pod);
  if (nowMs !== undefined && sigterm !== undefined && nowMs >= sigterm) return [];
  const out: ListeningSocket[] = [];
  for (const c of pod.spec.containers) {
    const running = pod.status.containerStatuses?.find((s) => s.name === c.name)?.state.running;
    if (!running) continue;
    if (nowMs !== undefined && nowMs < Date.parse(running.startedAt) + (imageProfile(c.image)?.startupMs ?? 0)) continue;
    out.push(...containerSockets(c));
  }
  return out;
}

/** Whether a connection to `port` finds a socket; pass `nowMs` wherever a packet arrives at a moment. */
export function listensOn(pod: Pod, port: number, protocol: SocketProtocol, nowMs?: number): boolean {
  return listeningSockets(pod, nowMs).some((s) => s.port === port && s.protocol === protocol);
}

function containerSockets(c: Container): ListeningSocket[] {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  if (c.command && c.command.length > 0 && program(argv) !== 'serve') return [];
  const listeners = imageProfile(c.image)?.listeners;
  if (!listeners) return declared(c);
  const specs = socketSpecs(listeners, c, argv);
  if (!specs) return declared(c);
  const holding = listeners.kind === 'fixed' && listeners.holding ? { holding: listeners.holding } : {};
  return specs.map((s) => ({ protocol: s.protocol, address: s.address, port: portOf(s.port, c, argv), process: listeners.process, container: c.name, ...holding }));
}

/** The sockets the program opens, or undefined when only the declared ports are open. */
function socketSpecs(listeners: Listeners, c: Container, argv: readonly string[]): readonly SocketSpec[] | undefined {
  switch (listeners.kind) {
    case 'fixed':
      return listeners.commandReplacesServer && c.command ? undefined : listeners.sockets;
    case 'subcommand': {
      const name = listeners.process;
      const sub = argv.find((a) => !a.startsWith('-') && a !== name && !a.endsWith(`/${name}`));
      return sub !== undefined && Object.hasOwn(listeners.subcommands, sub) ? listeners.subcommands[sub] : undefined;
    }
    default: {
      const never: never = listeners;
      return never;
    }
  }
}

function portOf(source: PortSource, c: Container, argv: readonly string[]): number {
  switch (source.kind) {
    case 'fixed':
      return source.port;
    case 'flag':
      return flagNumber(argv, source.flag, source.default, source.hostPort ?? false);
    case 'env':
      return Number(c.env?.find((e) => e.name === source.name)?.value ?? source.default) || source.default;
    default: {
      const never: never = source;
      return never;
    }
  }
}

function declared(c: Container): ListeningSocket[] {
  return (c.ports ?? [])
    .filter((p) => p.protocol === 'TCP' || p.protocol === 'UDP')
    .map((p) => ({ protocol: p.protocol.toLowerCase() as SocketProtocol, address: '0.0.0.0', port: p.containerPort, process: c.name, container: c.name }));
}

function program(argv: string[]): 'serve' | 'exit' {
  // Same rule the lifecycle uses: `sleep 3600` keeps the container up but opens no socket.
  const name = argv[0]?.split('/').pop();
  if (name === 'sleep' || name === 'sh' || name === 'tail') return 'exit';
  return 'serve';
}

/** `-listen=:8080`, `--listen :8080`, `--http-port=8080`: the value's trailing number, or the default. */
function flagNumber(argv: readonly string[], flag: string, fallback: number, colonForm: boolean): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = new RegExp(`^--?${flag}(?:=(.*))?$`).exec(a);
    if (!m) continue;
    const value = m[1] ?? argv[i + 1] ?? '';
    const port = Number((colonForm ? value.split(':').pop() : value) ?? '');
    if (Number.isInteger(port) && port > 0 && port < 65536) return port;
  }
  return fallback;
}
