// kubectl exec (pkg/cmd/exec/exec.go): runs a command in a running container, through the
// simulated pod's own toolset, files and netns. `-it ... -- sh` opens a nested shell whose prompt
// follows the image (`/ #` in busybox, `root@web:/#` in bash); anything else runs once. Errors as
// kubectl and containerd word them: the pod must exist and run, the container must be found,
// the program must exist in the image, and a non-zero status ends with "command terminated with
// exit code N".

import type { Pod } from '../../../kube/types';
import { OutputBuilder, type CommandContext, type CommandOutput, type CommandResult } from '../../command-types';
import type { PodLocation } from '../../contexts/location';
import { fnvHex } from '../../../dataplane/cni/names';
import { imageHas, toolsetForImage } from '../../contexts/toolsets';
import { bool, str } from './flags';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';

const HELP = `Execute a command in a container.

Examples:
  # Get output from running the 'date' command from pod mypod, using the first container by default
  kubectl exec mypod -- date

  # Get output from running the 'date' command in ruby-container from pod mypod
  kubectl exec mypod -c ruby-container -- date

  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kubectl exec mypod -c ruby-container -i -t -- bash -il

  # Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
  kubectl exec deploy/mydeployment -- date

Options:
    -c, --container='':
\tContainer name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen

    -q, --quiet=false:
\tOnly print output from the remote session

    -i, --stdin=false:
\tPass stdin to the container

    -t, --tty=false:
\tStdin is a TTY

Usage:
  kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]

${OPTIONS_TRAILER}`;

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

function quote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** POD or TYPE/NAME (a Deployment or ReplicaSet: its first running pod, or any pod with `anyPhase`). */
export function findPod(inv: VerbInvocation, ref: string, options: { anyPhase?: boolean } = {}): Pod | string {
  const { ctx, namespace } = inv;
  const slash = ref.indexOf('/');
  const kind = slash < 0 ? 'pod' : ref.slice(0, slash).toLowerCase();
  const name = slash < 0 ? ref : ref.slice(slash + 1);
  if (['pod', 'pods', 'po'].includes(kind)) {
    return ctx.cluster.get('pods', namespace, name) ?? `Error from server (NotFound): pods "${name}" not found\n`;
  }
  if (['deployment', 'deployments', 'deploy', 'replicaset', 'replicasets', 'rs'].includes(kind)) {
    const resource = kind.startsWith('d') ? 'deployments' : 'replicasets';
    const owner = ctx.cluster.get(resource, namespace, name);
    if (!owner) return `Error from server (NotFound): ${resource}.apps "${name}" not found\n`;
    const rsNames = resource === 'deployments'
      ? ctx.cluster.list('replicasets', namespace).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === owner.metadata.uid)).map((rs) => rs.metadata.uid)
      : [owner.metadata.uid];
    const pods = ctx.cluster.list('pods', namespace).filter((p) => p.metadata.ownerReferences?.some((o) => rsNames.includes(o.uid)) && (options.anyPhase || p.status.phase === 'Running'));
    return pods[0] ?? `error: no pods found for ${kind}/${name}\n`;
  }
  if (['statefulset', 'statefulsets', 'sts', 'job', 'jobs'].includes(kind)) {
    // attachablePodForObject: the pods the StatefulSet or Job controls; the lowest ordinal (or first name) stands in for GetFirstPod's ranking.
    const resource = kind.startsWith('j') ? 'jobs' : 'statefulsets';
    const owner = ctx.cluster.get(resource, namespace, name);
    if (!owner) return `Error from server (NotFound): ${resource === 'jobs' ? 'jobs.batch' : 'statefulsets.apps'} "${name}" not found\n`;
    const pods = ctx.cluster.list('pods', namespace).filter((p) => p.metadata.ownerReferences?.some((o) => o.controller && o.uid === owner.metadata.uid) && (options.anyPhase || p.status.phase === 'Running'));
    return pods[0] ?? `error: no pods found for ${kind}/${name}\n`;
  }
  return `error: cannot exec into ${kind}/${name}: only pods, deployments and replicasets are supported here\n`.replace('exec into', options.anyPhase ? 'read logs of' : 'exec into');
}

export const exec: KubectlVerb = {
  name: 'exec',
  flags: [
    { name: 'container', short: 'c', kind: 'string' },
    { name: 'stdin', short: 'i', kind: 'bool' },
    { name: 'tty', short: 't', kind: 'bool' },
    { name: 'quiet', short: 'q', kind: 'bool' },
    { name: 'filename', short: 'f', kind: 'strings', unsupported: true },
    { name: 'pod-running-timeout', kind: 'string' },
  ],
  help: HELP,
  async run(inv): Promise<CommandOutput> {
    const out = new OutputBuilder();
    const { ctx, args } = inv;
    if (!args.positionals.length) return out.err('error: pod, type/name or --filename must be specified\n').done(1);
    if (args.positionals.length > 1 || !args.afterDash) {
      return out.err('error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee \'kubectl exec -h\' for help and examples\n').done(1);
    }
    const command = args.afterDash;
    if (!command.length) return out.err('error: you must specify at least one command for the container\n').done(1);
    const found = findPod(inv, args.positionals[0]);
    if (typeof found === 'string') return out.err(found).done(1);
    const pod = found;
    if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') {
      return out.err(`error: cannot exec into a container in a completed pod; current phase is ${pod.status.phase}\n`).done(1);
    }
    const names = pod.spec.containers.map((c) => c.name);
    let container = str(args, 'container');
    if (!container) {
      container = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? names[0];
      if (names.length > 1 && !bool(args, 'quiet')) out.err(`Defaulted container "${container}" out of: ${names.join(', ')}\n`);
    }
    const status = pod.status.containerStatuses?.find((c) => c.name === container);
    if (!names.includes(container) || !status?.state.running) {
      return out.err(`error: unable to upgrade connection: container not found ("${container}")\n`).done(1);
    }
    const image = pod.spec.containers.find((c) => c.name === container)!.image;
    const toolset = toolsetForImage(image);
    const program = command[0];
    if (!imageHas(toolset, program)) {
      const execId = [0, 1, 2, 3, 4, 5, 6, 7].map((l) => fnvHex(`${pod.metadata.uid}/${command.join(' ')}/${ctx.cluster.now()}`, l)).join('');
      return out.err(`error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown\n`).done(1);
    }
    if (!ctx.session || !ctx.exec) return out.err('error: unable to upgrade connection: no session\n').done(1);
    const shellName = program.replace(/^.*\//, '');
    if (SHELLS.has(shellName) && command.length === 1) {
      // A shell with stdin attached stays open (a nested prompt); without -i it reads EOF and exits.
      if (bool(args, 'stdin')) ctx.session.enter(podLocation(pod, container, shellName));
      return out.done(0);
    }
    const r = await runInContainer(ctx, pod, container, command);
    out.out(r.stdout).err(r.stderr);
    if (r.exitCode !== 0) out.err(`command terminated with exit code ${r.exitCode}\n`);
    return out.done(r.exitCode);
  },
};

export function podLocation(pod: Pod, container: string, shell: string | undefined, attached?: PodLocation['attached']): PodLocation {
  return { kind: 'pod', namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name, container, shell: shell && SHELLS.has(shell) ? shell : undefined, ...(attached ? { attached } : {}) };
}

export function isShell(program: string): boolean {
  return SHELLS.has(program.replace(/^.*\//, ''));
}

/** Runs one command in the container, as its own shell would (`sh -c LINE` runs LINE), and comes back. */
export async function runInContainer(ctx: CommandContext, pod: Pod, container: string, command: readonly string[]): Promise<CommandResult> {
  const session = ctx.session!;
  const shellName = command[0].replace(/^.*\//, '');
  let line = command.map(quote).join(' ');
  if (SHELLS.has(shellName) && command[1] === '-c') line = command[2] ?? '';
  const depth = session.depth();
  session.enter(podLocation(pod, container, shellName), { oneShot: true });
  try {
    const r = await ctx.exec!(line);
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  } finally {
    while (session.depth() > depth) session.leave();
  }
}
