// The sockets `ss` finds in the network namespace the shell stands in, with what the kernel would
// report about each: family, state, queues (a listener's Send-Q is its accept backlog) and, for
// -p, the processes holding it. Which ports are open comes from the model (dataplane/apps/
// listeners.ts for pods, dataplane/packet/node-sockets.ts for nodes); what ss adds is presentation
// knowledge of the programs behind them:
// - a program that holds its sockets its own way says how in its image's profile (`holding`):
//   nginx's master (pid 1) and the two workers its log starts share 0.0.0.0:80 and its IPv6 twin
//   [::]:80 as fds 6 and 7, with nginx's backlog of 511.
// - Go servers (CoreDNS, kubelet, kube-proxy, agnhost, http-echo...) listen on ":PORT", a
//   dual-stack AF_INET6 socket that ss prints as `*`, with the backlog Go reads from somaxconn
//   (4096 on a 6.x kernel). `ss -4` therefore does not list them, as on a real node.
// - sshd listens on 0.0.0.0:22 and [::]:22 with backlog 128.
// A container has its own PID namespace, so -p shows the processes of the container the shell
// runs in only; a node's root shell sees every process (host PIDs).

import type { Cluster } from '../../../cluster/cluster';
import type { Pod } from '../../../kube/types';
import { listeningSockets, type ListeningSocket } from '../../../dataplane/apps/listeners';
import { nodeSockets } from '../../../dataplane/packet/node-sockets';
import type { ShellLocation } from '../../contexts/location';

export type SocketFamily = 'inet' | 'inet6';
export type SocketState = 'LISTEN' | 'UNCONN';

export interface SocketRow {
  protocol: 'tcp' | 'udp';
  family: SocketFamily;
  state: SocketState;
  recvQ: number;
  sendQ: number;
  /** As ss prints it: `0.0.0.0`, `127.0.0.1`, `*` (dual-stack any), `[::]` (IPv6 only). */
  local: string;
  port: number;
  /** `users:(("nginx",pid=1,fd=6))` content, or undefined when the process is not visible. */
  users?: string;
}

interface ProcessEntry {
  name: string;
  pid: number;
  fd: number;
}

/** Host PIDs of the node's daemons: started by systemd early in boot, or as containers a little later. */
const HOST_PIDS: Readonly<Record<string, number>> = {
  sshd: 812,
  kubelet: 1094,
  'kube-proxy': 1873,
  'kube-apiserver': 1436,
  etcd: 1421,
  'kube-controller': 1447,
  'kube-scheduler': 1452,
};

/** File descriptors Go daemons hold their listeners on (first sockets opened after the runtime's own). */
const KNOWN_FDS: Readonly<Record<string, number>> = {
  'kubelet/10248': 22,
  'kubelet/10250': 25,
  'kube-proxy/10249': 12,
  'kube-proxy/10256': 11,
  'kube-apiserver/6443': 3,
  'etcd/2379': 9,
  'etcd/2380': 7,
  'kube-controller/10257': 3,
  'kube-scheduler/10259': 7,
};

export function socketsHere(cluster: Cluster, loc: ShellLocation): SocketRow[] | undefined {
  switch (loc.kind) {
    case 'workstation':
      return undefined;
    case 'node':
      return rowsFor(nodeSockets(cluster, loc.node), () => true, (s) => hostProcess(cluster, s));
    case 'pod': {
      const pod = cluster.get('pods', loc.namespace, loc.pod);
      if (!pod) return undefined;
      const own = (s: ListeningSocket) => s.container === loc.container;
      if (pod.spec.hostNetwork && pod.spec.nodeName) return rowsFor(nodeSockets(cluster, pod.spec.nodeName), own, (s) => containerProcess(s));
      return rowsFor(listeningSockets(pod), own, (s) => containerProcess(s));
    }
    default: {
      const never: never = loc;
      return never;
    }
  }
}

function rowsFor(sockets: readonly ListeningSocket[], visible: (s: ListeningSocket) => boolean, processes: (s: ListeningSocket) => ProcessEntry[]): SocketRow[] {
  const seen = new Set<string>();
  const rows: SocketRow[] = [];
  const fdCursor = new Map<string, number>();
  for (const s of sockets) {
    const key = `${s.protocol}/${s.address}/${s.port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const family: SocketFamily = s.address === '*' || s.address.startsWith('[') ? 'inet6' : 'inet';
    const procs = visible(s) ? processes(s).map((p) => ({ ...p, fd: p.fd >= 0 ? p.fd : nextFd(fdCursor, `${s.container}/${p.name}`) })) : [];
    const base = { protocol: s.protocol, state: s.protocol === 'tcp' ? ('LISTEN' as const) : ('UNCONN' as const), recvQ: 0, sendQ: s.protocol === 'tcp' ? backlog(s) : 0, port: s.port };
    rows.push({ ...base, family, local: s.address, ...(procs.length ? { users: usersOf(procs) } : {}) });
    if (s.protocol === 'tcp' && s.address === '0.0.0.0' && (s.holding?.ipv6Twin || s.process === 'sshd')) {
      // The IPv6 twin opened by default (nginx's `listen [::]:80`, sshd's ListenAddress ::).
      const twin = procs.map((p) => ({ ...p, fd: p.fd + 1 }));
      rows.push({ ...base, family: 'inet6', local: '[::]', ...(twin.length ? { users: usersOf(twin) } : {}) });
    }
  }
  return rows;
}

/** A node daemon's first descriptor after the listeners it opens at start: kube-proxy's health check servers come later. */
const FIRST_LATER_FD: Readonly<Record<string, number>> = { '/kube-proxy': 13 };

function nextFd(cursor: Map<string, number>, key: string): number {
  const fd = cursor.get(key) ?? FIRST_LATER_FD[key] ?? 3;
  cursor.set(key, fd + 1);
  return fd;
}

function backlog(s: ListeningSocket): number {
  if (s.holding) return s.holding.backlog;
  if (s.process === 'sshd') return 128;
  return 4096;
}

/** ss lists a socket's holders as it finds them in /proc: newest PID first. */
function usersOf(procs: readonly ProcessEntry[]): string {
  return [...procs]
    .sort((a, b) => b.pid - a.pid)
    .map((p) => `("${p.name.slice(0, 15)}",pid=${p.pid},fd=${p.fd})`)
    .join(',');
}

function containerProcess(s: ListeningSocket): ProcessEntry[] {
  const holding = s.holding;
  if (holding) return [1, ...holding.workerPids].map((pid) => ({ name: s.process, pid, fd: holding.fd }));
  return [{ name: s.process, pid: 1, fd: -1 }];
}

function hostProcess(cluster: Cluster, s: ListeningSocket): ProcessEntry[] {
  const known = HOST_PIDS[s.process];
  if (s.container === '' && known !== undefined) {
    const fd = s.process === 'sshd' ? 3 : (KNOWN_FDS[`${s.process}/${s.port}`] ?? -1);
    return [{ name: s.process, pid: known, fd }];
  }
  // A hostNetwork pod's process: a container started after the node's daemons.
  const pod = cluster.list('pods').find((p: Pod) => p.spec.hostNetwork && p.spec.containers.some((c) => c.name === s.container));
  const pid = 2000 + (hash(`${pod?.metadata.uid ?? ''}/${s.container}`) % 6000);
  // The workers' PIDs keep their distance from the master's (pid 1 in the container's own namespace).
  const holding = s.holding;
  if (holding) return [pid, ...holding.workerPids.map((w) => pid + w - 1)].map((p) => ({ name: s.process, pid: p, fd: holding.fd }));
  return [{ name: s.process, pid, fd: -1 }];
}

function hash(text: string): number {
  let x = 2166136261;
  for (const c of text) x = Math.imul(x ^ c.charCodeAt(0), 16777619);
  return x >>> 0;
}
