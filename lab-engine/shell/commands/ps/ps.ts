// ps on a node (procps-ng 4.0: `ps aux`, `ps -ef`, bare `ps`) and in a container (BusyBox's applet
// and procps in Alpine images: the container's own PID namespace). A node's process list is what
// a kubeadm worker runs: systemd, sshd, containerd, kubelet with kubeadm's flags, and for every
// pod kubelet runs there a containerd-shim-runc-v2, the sandbox's /pause (uid 65535) and the
// containers' own processes (their command and args; an image's default where the pod gives
// none, from the image's profile). PIDs of pod processes follow the same rule as ss -p (shell/commands/ss/socket-table.ts:
// 2000 + a hash of the pod UID and container name), so the two tools agree. CPU and memory
// figures are plausible constants, not measured.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import type { Container, Pod } from '../../../kube/types';
import { toolsetForImage } from '../../contexts/toolsets';
import { imageProfile } from '../../../dataplane/apps/images';

interface Proc {
  user: string;
  pid: number;
  ppid: number;
  start: string;
  command: string;
  vsz: number;
  rss: number;
  stat: string;
}

/** calico/node's runit services, as ps shows them on a Calico node. */
const CALICO_NODE_PROCESSES = ['runsvdir -P /etc/service/enabled', 'calico-node -felix', 'calico-node -confd', 'calico-node -allocate-tunnel-addrs', 'calico-node -monitor-addresses', 'calico-node -status-reporter', 'bird -R -s /var/run/calico/bird.ctl -d -c /etc/calico/confd/config/bird.cfg', 'bird6 -R -s /var/run/calico/bird6.ctl -d -c /etc/calico/confd/config/bird6.cfg'];

/** Host PIDs ss -p also reports (shell/commands/ss/socket-table.ts HOST_PIDS). */
const KNOWN_PIDS: Readonly<Record<string, number>> = { 'kube-proxy': 1873 };

function hash(text: string): number {
  let x = 2166136261;
  for (const c of text) x = Math.imul(x ^ c.charCodeAt(0), 16777619);
  return x >>> 0;
}

function commandOf(c: Container, pod: Pod): string {
  const expand = (w: string) => w.replace(/\$\(NODE_NAME\)/g, pod.spec.nodeName ?? '');
  const args = (c.args ?? []).map(expand);
  if (c.command?.length) return [...c.command.map(expand), ...args].join(' ');
  const process = imageProfile(c.image)?.process;
  if (process && 'entrypoint' in process) return [process.entrypoint, ...args].join(' ');
  const base = c.image.replace(/[:@].*$/, '').split('/').pop() ?? c.image;
  return args.length ? args.join(' ') : (process?.cmd ?? base);
}

function startOf(iso: string | undefined, nowMs: number): string {
  const at = Date.parse(iso ?? '') || nowMs;
  const d = new Date(at);
  if (nowMs - at < 24 * 3600_000) return d.toISOString().slice(11, 16);
  return `${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })}${String(d.getUTCDate()).padStart(2, '0')}`;
}

function nodeProcesses(ctx: CommandContext, node: string): Proc[] {
  const now = ctx.cluster.now();
  const boot = ctx.cluster.get('nodes', undefined, node)?.metadata.creationTimestamp;
  const b = startOf(boot, now);
  const procs: Proc[] = [
    { user: 'root', pid: 1, ppid: 0, start: b, command: '/sbin/init', vsz: 22_520, rss: 13_312, stat: 'Ss' },
    { user: 'root', pid: 388, ppid: 1, start: b, command: '/usr/lib/systemd/systemd-journald', vsz: 50_472, rss: 16_640, stat: 'Ss' },
    { user: 'root', pid: 812, ppid: 1, start: b, command: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', vsz: 12_020, rss: 7_936, stat: 'Ss' },
    { user: 'root', pid: 861, ppid: 1, start: b, command: '/usr/bin/containerd', vsz: 1_871_556, rss: 52_224, stat: 'Ssl' },
    { user: 'root', pid: 1094, ppid: 1, start: b, command: '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///run/containerd/containerd.sock --node-ip=' + (ctx.cluster.get('nodes', undefined, node)?.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? ''), vsz: 2_138_412, rss: 98_560, stat: 'Ssl' },
  ];
  const pods = ctx.cluster.list('pods').filter((p) => p.spec.nodeName === node && p.status.phase === 'Running');
  for (const pod of pods) procs.push(...podProcesses(pod, now));
  procs.push({ user: 'root', pid: 9100, ppid: 812, start: startOf(undefined, now), command: 'sshd: root@pts/0', vsz: 14_720, rss: 9_216, stat: 'Ss' });
  procs.push({ user: 'root', pid: 9187, ppid: 9100, start: startOf(undefined, now), command: '-bash', vsz: 8_780, rss: 5_376, stat: 'Ss' });
  return procs.sort((a, b2) => a.pid - b2.pid);
}

function podProcesses(pod: Pod, now: number): Proc[] {
  const uid = pod.metadata.uid ?? pod.metadata.name;
  const start = startOf(pod.status.startTime, now);
  const shim = 1500 + (hash(`${uid}/shim`) % 400);
  const out: Proc[] = [
    { user: 'root', pid: shim, ppid: 1, start, command: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${(hash(`sandbox/${uid}`) >>> 0).toString(16).padStart(8, '0')} -address /run/containerd/containerd.sock`, vsz: 1_238_092, rss: 14_080, stat: 'Sl' },
    { user: '65535', pid: shim + 21, ppid: shim, start, command: '/pause', vsz: 1_020, rss: 512, stat: 'Ss' },
  ];
  for (const c of pod.spec.containers) {
    const pid = KNOWN_PIDS[c.name] ?? 2000 + (hash(`${uid}/${c.name}`) % 6000);
    if (c.name === 'calico-node') {
      CALICO_NODE_PROCESSES.forEach((command, i) => out.push({ user: 'root', pid: pid + i * 3, ppid: i === 0 ? shim : pid, start, command, vsz: 1_900_000, rss: 60_000, stat: 'Sl' }));
      continue;
    }
    const command = commandOf(c, pod);
    out.push({ user: 'root', pid, ppid: shim, start, command, vsz: 747_000, rss: 38_000, stat: 'Ssl' });
    if (command.startsWith('nginx: master')) for (const w of [1, 2]) out.push({ user: '101', pid: pid + w + 28, ppid: pid, start, command: 'nginx: worker process', vsz: 11_000, rss: 2_800, stat: 'S' });
  }
  return out;
}

function auxTable(procs: readonly Proc[]): string {
  const head = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
  return head + procs.map((p) => `${p.user.padEnd(8)} ${String(p.pid).padStart(7)}  0.${p.pid % 7}  ${(p.rss / 40_000).toFixed(1)} ${String(p.vsz).padStart(6)} ${String(p.rss).padStart(5)} ${p.command.startsWith('-bash') ? 'pts/0   ' : '?       '} ${p.stat.padEnd(4)} ${p.start.padEnd(5)}   ${p.pid < 1200 ? '0:42' : '0:03'} ${p.command}\n`).join('');
}

function efTable(procs: readonly Proc[]): string {
  return 'UID          PID    PPID  C STIME TTY          TIME CMD\n' + procs.map((p) => `${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 ${p.start.padEnd(5)} ${p.command.startsWith('-bash') ? 'pts/0   ' : '?       '} 00:00:${p.pid < 1200 ? '42' : '03'} ${p.command}\n`).join('');
}

export const ps: ShellCommand = {
  name: 'ps',
  run(ctx): CommandOutput {
    const out = new OutputBuilder();
    const loc = ctx.session?.location();
    const style = ctx.args.join(' ');
    if (loc?.kind === 'pod') {
      const pod = ctx.cluster.get('pods', loc.namespace, loc.pod);
      const container = pod?.spec.containers.find((c) => c.name === loc.container);
      if (!pod || !container) return out.done(1);
      const busybox = toolsetForImage(container.image).busyboxIp;
      const procs = [{ pid: 1, command: commandOf(container, pod) }, { pid: 7, command: 'sh' }, { pid: 13, command: `ps${style ? ` ${style}` : ''}` }];
      if (busybox) return out.out('PID   USER     TIME  COMMAND\n' + procs.map((p) => `${String(p.pid).padStart(5)} root      0:00 ${p.command}\n`).join('')).done(0);
      return out.out(auxTable(procs.map((p) => ({ user: 'root', pid: p.pid, ppid: 0, start: startOf(pod.status.startTime, ctx.cluster.now()), command: p.command, vsz: 4_000, rss: 1_500, stat: 'Ss' })))).done(0);
    }
    if (loc?.kind !== 'node') return out.out('    PID TTY          TIME CMD\n   4242 pts/0    00:00:00 bash\n   4317 pts/0    00:00:00 ps\n').done(0);
    const procs = nodeProcesses(ctx, loc.node);
    if (/^-?aux?$|^aux?ww?$|^-?auxww$/.test(style)) return out.out(auxTable(procs)).done(0);
    if (/^-(e|A)f?$|^-ef$|^-fe$/.test(style)) return out.out(efTable(procs)).done(0);
    if (style === '') return out.out('    PID TTY          TIME CMD\n   9187 pts/0    00:00:00 bash\n   9240 pts/0    00:00:00 ps\n').done(0);
    return out.err(`ps: the options "${style}" are not simulated in this environment yet: try ps aux or ps -ef\n`).done(1);
  },
};
