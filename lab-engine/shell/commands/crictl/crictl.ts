// crictl (cri-tools v1.34) on a node, talking to containerd's CRI socket: the sandboxes and
// containers of the pods kubelet runs on that node, read from the cluster model.
// - `ps [-a] [--name RE] [--pod ID] [-q]`: CONTAINER IMAGE CREATED STATE NAME ATTEMPT POD ID POD,
//   printed through Go's tabwriter(minwidth 20, padding 3) with the last column unpadded
//   (cri-tools cmd/crictl/container.go); running containers only without -a;
// - `pods [--name RE] [--namespace NS] [-q]`: POD ID CREATED STATE NAME NAMESPACE ATTEMPT RUNTIME
//   (cmd/crictl/sandbox.go), STATE Ready/NotReady;
// - `inspect ID`: the container's status as JSON, reduced to the fields a learner looks for
//   (id, metadata, state, times, image, labels, the pid).
// IDs are the 13-character prefixes crictl prints of the containerd IDs in the pods' status (the
// sandbox ID is derived from the pod UID, as the model keeps no sandbox of its own). CREATED is
// docker/go-units HumanDuration + " ago". Anything else says it is not simulated.

import { OutputBuilder, type CommandOutput, type ShellCommand } from '../../command-types';
import type { Pod } from '../../../kube/types';

interface ContainerRow {
  id: string;
  fullId: string;
  image: string;
  imageRef: string;
  createdMs: number;
  running: boolean;
  name: string;
  attempt: number;
  podId: string;
  pod: Pod;
}

export const crictl: ShellCommand = {
  name: 'crictl',
  run(ctx): CommandOutput {
    const out = new OutputBuilder();
    const loc = ctx.session?.location();
    if (loc?.kind !== 'node') return out.err('FATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory"\n').done(1);
    const [command, ...rest] = ctx.args;
    const pods = ctx.cluster.list('pods').filter((p) => p.spec.nodeName === loc.node && p.status.phase !== 'Pending');
    const now = ctx.cluster.now();
    switch (command) {
      case 'ps':
        return out.out(psTable(containersOf(pods), rest, now)).done(0);
      case 'pods':
        return out.out(podsTable(pods, rest, now)).done(0);
      case 'inspect': {
        const id = rest.find((a) => !a.startsWith('-'));
        const row = id ? containersOf(pods).find((c) => c.fullId.startsWith(id)) : undefined;
        if (!row) return out.err(`E0105 09:00:00.000000    1234 remote_runtime.go:432] "ContainerStatus from runtime service failed" err="rpc error: code = NotFound desc = an error occurred when try to find container \\"${id ?? ''}\\": not found" containerID="${id ?? ''}"\nFATA[0000] getting the status of the container "${id ?? ''}": rpc error: code = NotFound desc = an error occurred when try to find container "${id ?? ''}": not found\n`).done(1);
        return out.out(inspectJson(row)).done(0);
      }
      case undefined:
      case '--help':
      case '-h':
        return out.out('NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nCOMMANDS:\n   inspect   Display the status of one or more containers\n   pods      List pods\n   ps        List containers\n').done(0);
      default:
        return out.err(`crictl ${command} is not simulated in this environment yet: try crictl ps, crictl pods or crictl inspect ID\n`).done(1);
    }
  },
};

function hex(text: string, length: number): string {
  let out = '';
  let x = 2166136261;
  while (out.length < length) {
    for (const c of `${text}/${out.length}`) x = Math.imul(x ^ c.charCodeAt(0), 16777619);
    out += (x >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

function sandboxId(pod: Pod): string {
  return hex(`sandbox/${pod.metadata.uid}`, 64);
}

function containersOf(pods: readonly Pod[]): ContainerRow[] {
  return pods.flatMap((pod) => (pod.status.containerStatuses ?? []).filter((s) => s.containerID).map((s) => {
    const fullId = s.containerID!.replace(/^containerd:\/\//, '');
    const started = s.state.running?.startedAt ?? s.state.terminated?.startedAt ?? pod.status.startTime ?? pod.metadata.creationTimestamp;
    return {
      id: fullId.slice(0, 13),
      fullId,
      image: hex(`image/${s.imageID}`, 13),
      imageRef: s.imageID,
      createdMs: Date.parse(started ?? '') || 0,
      running: !!s.state.running,
      name: s.name,
      attempt: s.restartCount,
      podId: sandboxId(pod).slice(0, 13),
      pod,
    };
  }));
}

/** docker/go-units HumanDuration, as crictl prints CREATED. */
export function goUnitsDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** Go's tabwriter(minwidth 20, tabwidth 1, padding 3): every column but the last padded. */
function crictlTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length + 3, 20)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('') + '\n').join('');
}

function flagValue(args: readonly string[], ...names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    for (const n of names) {
      if (args[i] === n) return args[i + 1];
      if (args[i].startsWith(`${n}=`)) return args[i].slice(n.length + 1);
    }
  }
  return undefined;
}

function psTable(all: readonly ContainerRow[], args: readonly string[], now: number): string {
  const name = flagValue(args, '--name');
  const pod = flagValue(args, '--pod', '-p');
  const rows = all
    .filter((c) => args.includes('-a') || args.includes('--all') || c.running)
    .filter((c) => !name || new RegExp(name).test(c.name))
    .filter((c) => !pod || sandboxId(c.pod).startsWith(pod))
    .sort((a, b) => b.createdMs - a.createdMs);
  if (args.includes('-q') || args.includes('--quiet')) return rows.map((c) => `${c.fullId}\n`).join('');
  return crictlTable([
    ['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD'],
    ...rows.map((c) => [c.id, c.image, `${goUnitsDuration(now - c.createdMs)} ago`, c.running ? 'Running' : 'Exited', c.name, String(c.attempt), c.podId, c.pod.metadata.name]),
  ]);
}

function podsTable(pods: readonly Pod[], args: readonly string[], now: number): string {
  const name = flagValue(args, '--name');
  const ns = flagValue(args, '--namespace');
  const rows = pods
    .filter((p) => !name || new RegExp(name).test(p.metadata.name))
    .filter((p) => !ns || new RegExp(ns).test(p.metadata.namespace ?? ''))
    .map((p) => ({ p, created: Date.parse(p.status.startTime ?? p.metadata.creationTimestamp ?? '') || 0 }))
    .sort((a, b) => b.created - a.created);
  if (args.includes('-q') || args.includes('--quiet')) return rows.map(({ p }) => `${sandboxId(p)}\n`).join('');
  return crictlTable([
    ['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'],
    ...rows.map(({ p, created }) => [sandboxId(p).slice(0, 13), `${goUnitsDuration(now - created)} ago`, p.metadata.deletionTimestamp ? 'NotReady' : 'Ready', p.metadata.name, p.metadata.namespace ?? 'default', '0', '(default)']),
  ]);
}

function inspectJson(c: ContainerRow): string {
  const at = new Date(c.createdMs).toISOString().replace('Z', '000000Z');
  const status = {
    status: {
      id: c.fullId,
      metadata: { attempt: c.attempt, name: c.name },
      state: c.running ? 'CONTAINER_RUNNING' : 'CONTAINER_EXITED',
      createdAt: at,
      startedAt: at,
      image: { image: c.pod.spec.containers.find((x) => x.name === c.name)?.image ?? '' },
      imageRef: c.imageRef,
      labels: {
        'io.kubernetes.container.name': c.name,
        'io.kubernetes.pod.name': c.pod.metadata.name,
        'io.kubernetes.pod.namespace': c.pod.metadata.namespace ?? 'default',
        'io.kubernetes.pod.uid': c.pod.metadata.uid ?? '',
      },
      logPath: `/var/log/pods/${c.pod.metadata.namespace ?? 'default'}_${c.pod.metadata.name}_${c.pod.metadata.uid ?? ''}/${c.name}/${c.attempt}.log`,
    },
    info: { sandboxID: sandboxId(c.pod), pid: 1000 + (parseInt(c.fullId.slice(0, 4), 16) % 60000), runtimeType: 'io.containerd.runc.v2' },
  };
  return JSON.stringify(status, null, 2) + '\n';
}
