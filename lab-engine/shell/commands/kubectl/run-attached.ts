// `kubectl run -i [-t] [--rm] ... [-- COMMAND]` (pkg/cmd/run/run.go with attach): create the pod,
// wait for it to run (--pod-running-timeout, 1m), warn that the session is recorded, then the
// command's own output; the command's end is the container's end, its status the pod's
// (Succeeded, or Failed with "pod NS/NAME terminated (Error)" and that exit code), and --rm
// deletes the pod afterwards. A shell with no command (`-it --image=busybox -- sh`) opens a
// nested prompt inside the pod; leaving it ends the container (contexts/exit-command.ts).

import type { PodRequest } from '../../../cluster/pod-admission';
import { parseImageRef } from '../../../cluster/images';
import { imageProfile } from '../../../dataplane/apps/images';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { imageHas, toolsetForImage } from '../../contexts/toolsets';
import { isShell, podLocation, runInContainer } from './exec';
import type { VerbInvocation } from './verb';
import { waitForPods } from './pod-wait';

export const RECORDED_WARNING = 'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n';
export const PROMPT_HINT = "If you don't see a command prompt, try pressing enter.\n";

export interface AttachOptions {
  rm: boolean;
  quiet: boolean;
  timeoutMs: number;
}

export async function runAttached(inv: VerbInvocation, request: PodRequest, o: AttachOptions): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const { ctx } = inv;
  const { namespace, name } = request;
  const container = request.containers[0];
  ctx.cluster.api.create('pods', request);
  ctx.cluster.attach(request.namespace, request.name);
  if (!(await waitUntilRunning(inv, namespace, name, o.timeoutMs))) {
    if (o.rm) removePod(inv, out, namespace, name);
    return out.err('error: timed out waiting for the condition\n').done(1);
  }
  if (!o.quiet) out.err(RECORDED_WARNING).err(PROMPT_HINT);
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  const command = argv.length ? argv : defaultShell(container.image);
  const pod = ctx.cluster.get('pods', namespace, name)!;
  if (!command) {
    ctx.cluster.finishContainer(namespace, name, 0);
    if (o.rm) removePod(inv, out, namespace, name);
    return out.done(0);
  }
  if (isShell(command[0]) && command.length === 1) {
    ctx.session?.enter(podLocation(pod, container.name, command[0].replace(/^.*\//, ''), { rm: o.rm }));
    return out.done(0);
  }
  if (!imageHas(toolsetForImage(container.image), command[0])) {
    ctx.cluster.finishContainer(namespace, name, 128);
    if (o.rm) removePod(inv, out, namespace, name);
    return out.err(`pod ${namespace}/${name} terminated (StartError)\nfailed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${command[0]}": executable file not found in $PATH: unknown\n`).done(128);
  }
  const result = await runInContainer(ctx, pod, container.name, command);
  out.out(result.stdout).err(result.stderr);
  ctx.cluster.finishContainer(namespace, name, result.exitCode);
  if (o.rm) removePod(inv, out, namespace, name);
  if (result.exitCode !== 0) out.err(`pod ${namespace}/${name} terminated (Error)\n`);
  return out.done(result.exitCode);
}

/** Deletes the finished pod as --rm does, with kubectl delete's line. */
export function removePod(inv: VerbInvocation, out: OutputBuilder, namespace: string, name: string): void {
  if (!inv.ctx.cluster.get('pods', namespace, name)) return;
  inv.ctx.cluster.api.delete('pods', namespace, name, { gracePeriodSeconds: 0 });
  out.out(`pod "${name}" deleted from ${namespace} namespace\n`);
}

/** Images whose default process is a shell that waits on stdin: `-it` with no command opens it. */
function defaultShell(image: string): string[] | undefined {
  const ref = parseImageRef(image);
  const profile = ref && imageProfile(ref);
  if (profile) return profile.defaultCommand.kind === 'shell' ? ['sh'] : undefined;
  // Of the images Flatnet does not know, the distributions' base images run a shell.
  if (/busybox|alpine|ubuntu|debian/.test(ref?.repository ?? '')) return ['sh'];
  return undefined;
}

/** Until the pod's container runs; false at the deadline or on Ctrl-C. */
function waitUntilRunning(inv: VerbInvocation, namespace: string, name: string, timeoutMs: number): Promise<boolean> {
  const running = () => inv.ctx.cluster.get('pods', namespace, name)?.status.containerStatuses?.[0]?.state.running !== undefined;
  return waitForPods(inv.ctx, namespace, new Set([name]), running, timeoutMs);
}
