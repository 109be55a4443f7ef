// systemctl (systemd 255, Ubuntu 24.04) on a node, for the units a Kubernetes node runs: kubelet
// (pkgs.k8s.io's unit with kubeadm's 10-kubeadm.conf drop-in), containerd and ssh. `status` prints
// the unit's header as systemd 255 does (Loaded/Drop-In/Active/Docs/Main PID/Tasks/Memory/CPU/
// CGroup); the journal lines status appends are left out. `is-active`/`is-enabled` answer for
// them; starting, stopping and restarting units is not simulated. PIDs agree with ps and ss.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';

interface Unit {
  description: string;
  path: string;
  dropIn?: string;
  docs: string;
  pid: number;
  process: string;
  tasks: number;
  memory: string;
  cpu: string;
  cgroupCommand: (ctx: CommandContext, node: string) => string;
}

const UNITS: Readonly<Record<string, Unit>> = {
  kubelet: {
    description: 'kubelet: The Kubernetes Node Agent',
    path: '/usr/lib/systemd/system/kubelet.service',
    dropIn: '/usr/lib/systemd/system/kubelet.service.d\n             └─10-kubeadm.conf',
    docs: 'https://kubernetes.io/docs/',
    pid: 1094,
    process: 'kubelet',
    tasks: 15,
    memory: '96.3M (peak: 101.2M)',
    cpu: '41min 12.311s',
    cgroupCommand: (ctx, node) => `/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///run/containerd/containerd.sock --node-ip=${ctx.cluster.get('nodes', undefined, node)?.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? ''}`,
  },
  containerd: {
    description: 'containerd container runtime',
    path: '/usr/lib/systemd/system/containerd.service',
    docs: 'https://containerd.io',
    pid: 861,
    process: 'containerd',
    tasks: 12,
    memory: '51.0M (peak: 58.4M)',
    cpu: '17min 3.928s',
    cgroupCommand: () => '/usr/bin/containerd',
  },
  ssh: {
    description: 'OpenBSD Secure Shell server',
    path: '/usr/lib/systemd/system/ssh.service',
    docs: 'man:sshd(8)\n             man:sshd_config(5)',
    pid: 812,
    process: 'sshd',
    tasks: 1,
    memory: '7.7M (peak: 9.1M)',
    cpu: '1.204s',
    cgroupCommand: () => 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups',
  },
};

function unitName(arg: string): string {
  return arg.replace(/\.service$/, '');
}

function since(ctx: CommandContext, node: string): string {
  const at = Date.parse(ctx.cluster.get('nodes', undefined, node)?.metadata.creationTimestamp ?? '') || ctx.cluster.now();
  const d = new Date(at);
  const day = d.toLocaleString('en-US', { weekday: 'short', timeZone: 'UTC' });
  const days = Math.floor((ctx.cluster.now() - at) / 86_400_000);
  return `${day} ${d.toISOString().slice(0, 19).replace('T', ' ')} UTC; ${days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : 'hours'} ago`;
}

export const systemctl: ShellCommand = {
  name: 'systemctl',
  run(ctx): CommandOutput {
    const out = new OutputBuilder();
    const loc = ctx.session?.location();
    if (loc?.kind !== 'node') return out.err('System has not been booted with systemd as init system (PID 1). Can\'t operate.\nFailed to connect to bus: Host is down\n').done(1);
    const [verb, ...names] = ctx.args.filter((a) => a !== '--no-pager' && a !== '-l' && a !== '--full');
    const missing = names.find((n) => !UNITS[unitName(n)]);
    switch (verb) {
      case 'status': {
        if (names.length === 0) return out.err('systemctl status without a unit is not simulated in this environment yet: try systemctl status kubelet\n').done(1);
        if (missing) return out.err(`Unit ${unitName(missing)}.service could not be found.\n`).done(4);
        return out.out(names.map((n) => status(ctx, loc.node, unitName(n))).join('\n')).done(0);
      }
      case 'is-active':
      case 'is-enabled':
        if (missing) return out.out(`${verb === 'is-active' ? 'inactive' : 'not-found'}\n`).done(verb === 'is-active' ? 3 : 4);
        return out.out(names.map(() => (verb === 'is-active' ? 'active\n' : 'enabled\n')).join('')).done(0);
      case 'start':
      case 'stop':
      case 'restart':
      case 'reload':
      case 'enable':
      case 'disable':
      case 'daemon-reload':
        return out.err(`systemctl ${verb} is not simulated in this environment yet: the node's units keep running as they are\n`).done(1);
      default:
        return out.err(`systemctl ${verb ?? ''} is not simulated in this environment yet: try systemctl status kubelet\n`).done(1);
    }
  },
};

function status(ctx: CommandContext, node: string, name: string): string {
  const u = UNITS[name];
  return [
    `● ${name}.service - ${u.description}`,
    `     Loaded: loaded (${u.path}; enabled; preset: enabled)`,
    ...(u.dropIn ? [`    Drop-In: ${u.dropIn}`] : []),
    `     Active: active (running) since ${since(ctx, node)}`,
    `       Docs: ${u.docs}`,
    `   Main PID: ${u.pid} (${u.process})`,
    `      Tasks: ${u.tasks} (limit: 4557)`,
    `     Memory: ${u.memory}`,
    `        CPU: ${u.cpu}`,
    `     CGroup: /system.slice/${name}.service`,
    `             └─${u.pid} ${u.cgroupCommand(ctx, node)}`,
  ].join('\n') + '\n';
}
