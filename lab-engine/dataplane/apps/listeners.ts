// Which sockets a pod's containers hold open: what the packet engine asks before it completes a
// handshake ("Connection refused" when nothing listens) and what `ss -tlnp` prints. A container
// listens where its image's program listens (nginx on 80, http-echo on -listen, agnhost netexec on
// --http-port...), not where the manifest's containerPorts say: containerPorts are informational
// in Kubernetes. An image Flatnet does not know listens on its declared containerPorts.

import { HELLO_APP_REPOSITORIES, parseImageRef } from '../../cluster/images';
import type { Container, Pod } from '../../kube/types';

export type SocketProtocol = 'tcp' | 'udp';

export interface ListeningSocket {
  protocol: SocketProtocol;
  /** `0.0.0.0` or `*` for every address, as ss prints it. */
  address: string;
  port: number;
  /** The process name ss shows in `users:(("nginx",pid=1,fd=6))`. */
  process: string;
  container: string;
}

/** Every listening socket in the pod's network namespace (all containers share it). */
export function listeningSockets(pod: Pod): ListeningSocket[] {
  if (pod.status.phase !== 'Running') return [];
  const out: ListeningSocket[] = [];
  for (const c of pod.spec.containers) {
    const running = pod.status.containerStatuses?.find((s) => s.name === c.name)?.state.running;
    if (!running) continue;
    out.push(...containerSockets(c));
  }
  return out;
}

export function listensOn(pod: Pod, port: number, protocol: SocketProtocol): boolean {
  return listeningSockets(pod).some((s) => s.port === port && s.protocol === protocol);
}

function containerSockets(c: Container): ListeningSocket[] {
  const ref = parseImageRef(c.image);
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const tcp = (port: number, process: string, address = '0.0.0.0'): ListeningSocket => ({ protocol: 'tcp', address, port, process, container: c.name });
  const udp = (port: number, process: string, address = '0.0.0.0'): ListeningSocket => ({ protocol: 'udp', address, port, process, container: c.name });
  if (c.command && c.command.length > 0 && program(argv) !== 'serve') return [];
  switch (ref?.repository) {
    case 'docker.io/library/nginx':
      return c.command ? declared(c) : [tcp(80, 'nginx')];
    case 'docker.io/hashicorp/http-echo':
      return [tcp(flagNumber(argv, 'listen', 5678, true), 'http-echo', '*')];
    case 'docker.io/traefik/whoami':
      return [tcp(flagNumber(argv, 'port', 80), 'whoami', '*')];
    case 'registry.k8s.io/e2e-test-images/agnhost': {
      const sub = argv.find((a) => !a.startsWith('-') && a !== 'agnhost' && !a.endsWith('/agnhost'));
      if (sub === 'netexec') return [tcp(flagNumber(argv, 'http-port', 8080), 'agnhost', '*'), udp(flagNumber(argv, 'udp-port', 8081), 'agnhost', '*')];
      if (sub === 'serve-hostname') return [tcp(flagNumber(argv, 'port', 9376), 'agnhost', '*')];
      return declared(c);
    }
    case HELLO_APP_REPOSITORIES[0]:
    case HELLO_APP_REPOSITORIES[1]:
      return [tcp(Number(c.env?.find((e) => e.name === 'PORT')?.value ?? 8080) || 8080, 'hello-app', '*')];
    case 'registry.k8s.io/coredns/coredns':
      return [tcp(53, 'coredns', '*'), udp(53, 'coredns', '*'), tcp(8080, 'coredns', '*'), tcp(8181, 'coredns', '*'), tcp(9153, 'coredns', '*')];
    default:
      return declared(c);
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
function flagNumber(argv: string[], flag: string, fallback: number, colonForm = false): number {
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
