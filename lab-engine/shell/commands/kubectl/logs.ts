// kubectl logs (pkg/cmd/logs): what a container wrote, from its start. The start-up output of
// known images (dataplane/apps/startup-logs.ts) and what the simulated programs appended since
// (nginx's access log per request). POD or TYPE/NAME (a Deployment picks one of its pods and
// says which), -c or the default container, --tail, --timestamps, --prefix, -f streaming new
// lines until Ctrl-C. Errors as the API server words them for a missing pod, an unknown
// container or one still waiting to start.

import type { Pod } from '../../../kube/types';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { startupLines } from '../../../dataplane/apps/startup-logs';
import { isoString } from '../../../core/utc-text';
import { bool, str } from './flags';
import { findPod } from './exec';
import { notModelledText } from './kubectl-errors';
import { matchesSelector, parseSelector } from '../../../kube/label-selector';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';

const HELP = `Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.

Examples:
  # Return snapshot logs from pod nginx with only one container
  kubectl logs nginx

  # Return snapshot logs from container nginx-1 of a deployment named nginx
  kubectl logs deployment/nginx -c nginx-1

  # Begin streaming the logs of the ruby container in pod web-1
  kubectl logs -f -c ruby web-1

  # Display only the most recent 20 lines of output in pod nginx
  kubectl logs --tail=20 nginx

Options:
    -c, --container='':
\tPrint the logs of this container

    -f, --follow=false:
\tSpecify if the logs should be streamed.

    --prefix=false:
\tPrefix each log line with the log source (pod name and container name)

    --tail=-1:
\tLines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.

    --timestamps=false:
\tInclude timestamps on each line in the log output

    -p, --previous=false:
\tIf true, print the logs for the previous instance of the container in a pod if it exists.

Usage:
  kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]

${OPTIONS_TRAILER}`;

/** How often `-f` looks for new lines, in simulated ms. */
const FOLLOW_POLL_MS = 1000;
/** `-f` in a script (no Ctrl-C to stop it) gives up after this many polls. */
const SCRIPT_FOLLOW_POLLS = 3;

export const logs: KubectlVerb = {
  name: 'logs',
  flags: [
    { name: 'container', short: 'c', kind: 'string' },
    { name: 'follow', short: 'f', kind: 'bool' },
    { name: 'previous', short: 'p', kind: 'bool' },
    { name: 'prefix', kind: 'bool' },
    { name: 'tail', kind: 'string' },
    { name: 'timestamps', kind: 'bool' },
    { name: 'all-containers', kind: 'bool' },
    { name: 'since', kind: 'string', unsupported: true },
    { name: 'selector', short: 'l', kind: 'string' },
  ],
  help: HELP,
  async run(inv): Promise<CommandOutput> {
    const out = new OutputBuilder();
    const { ctx, args } = inv;
    if (str(args, 'selector') !== undefined) return logsBySelector(inv, out);
    if (args.positionals.length === 0) return out.err("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n").done(1);
    if (args.positionals.length > 2) return out.err("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nSee 'kubectl logs -h' for help and examples\n").done(1);
    const tailText = str(args, 'tail');
    const tail = tailText === undefined ? -1 : Number(tailText);
    if (!Number.isInteger(tail)) return out.err(`error: invalid argument "${tailText}" for "--tail" flag: strconv.ParseInt: parsing "${tailText}": invalid syntax\nSee 'kubectl logs --help' for usage.\n`).done(1);
    const found = findLogPod(inv, args.positionals[0], out);
    if (typeof found === 'string') return out.err(found).done(1);
    const pod = found;
    const names = pod.spec.containers.map((c) => c.name);
    const explicit = str(args, 'container') ?? args.positionals[1];
    const containers = bool(args, 'all-containers') ? names : [explicit ?? pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? names[0]];
    if (!explicit && !bool(args, 'all-containers') && names.length > 1) out.err(`Defaulted container "${containers[0]}" out of: ${names.join(', ')}\n`);
    const podName = pod.metadata.name;
    for (const name of containers) {
      const spec = pod.spec.containers.find((c) => c.name === name);
      if (!spec) return out.err(`error: container ${name} is not valid for pod ${podName}\n`).done(1);
      const status = pod.status.containerStatuses?.find((c) => c.name === name);
      if (bool(args, 'previous')) {
        if (!status?.lastState.terminated) return out.err(`Error from server (BadRequest): previous terminated container "${name}" in pod "${podName}" not found\n`).done(1);
      }
      // A crash-looping container waits, but the kubelet still serves the log of its last run.
      const started = status?.state.running?.startedAt ?? status?.state.terminated?.startedAt ?? status?.lastState?.terminated?.startedAt;
      if (!started) {
        const reason = status?.state.waiting?.reason ?? 'ContainerCreating';
        return out.err(`Error from server (BadRequest): container "${name}" in pod "${podName}" is waiting to start: ${reason}\n`).done(1);
      }
    }
    const render = (since: number, applyTail: boolean) => {
      const lines = containers.flatMap((name) => linesOf(inv, pod, name).filter((l) => l.at >= since).map((l) => ({ ...l, name })));
      const shown = applyTail && tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines;
      return shown.map((l) => `${bool(args, 'prefix') ? `[pod/${podName}/${l.name}] ` : ''}${bool(args, 'timestamps') ? `${isoString(l.at).replace('.000Z', '.000000000Z')} ` : ''}${l.line}\n`).join('');
    };
    const write = (text: string) => {
      if (ctx.terminal) ctx.terminal.write(text.replace(/\n/g, '\r\n'));
      else out.out(text);
    };
    write(render(0, true));
    if (!bool(args, 'follow')) return out.done(0);
    let seen = ctx.cluster.now() + 1;
    for (let polls = 0; ctx.terminal || polls < SCRIPT_FOLLOW_POLLS; polls++) {
      const slept = await ctx.sleep(FOLLOW_POLL_MS);
      if (slept < FOLLOW_POLL_MS || ctx.signal?.aborted) break;
      const now = ctx.cluster.now() + 1;
      write(render(seen, false));
      seen = now;
    }
    return out.done(0);
  },
};

/**
 * `kubectl logs -l SELECTOR`: the default container of every matching pod, pod after pod, with
 * --tail defaulting to 10 as kubectl defaults it when a selector is given.
 */
function logsBySelector(inv: VerbInvocation, out: OutputBuilder): CommandOutput {
  const { args, ctx } = inv;
  if (args.positionals.length > 0) return out.err('error: only one of a selector or a pod name may be given\n').done(1);
  if (bool(args, 'follow')) return out.err(notModelledText('kubectl logs -f with a selector')).done(1);
  const selector = parseSelector(str(args, 'selector') ?? '');
  if (!selector.ok) return out.err(`error: ${selector.error}\n`).done(1);
  const tailText = str(args, 'tail');
  const tail = tailText === undefined ? 10 : Number(tailText);
  if (!Number.isInteger(tail)) return out.err(`error: invalid argument "${tailText}" for "--tail" flag: strconv.ParseInt: parsing "${tailText}": invalid syntax\nSee 'kubectl logs --help' for usage.\n`).done(1);
  const pods = ctx.cluster.list('pods', inv.namespace).filter((p) => matchesSelector(p.metadata.labels, selector.requirements));
  if (pods.length === 0) return out.err(`No resources found in ${inv.namespace} namespace.\n`).done(0);
  for (const pod of pods) {
    const container = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? pod.spec.containers[0].name;
    const status = pod.status.containerStatuses?.find((c) => c.name === container);
    // A crash-looping container is waiting, but the kubelet still serves its last run's log.
    if (!status?.state.running && !status?.state.terminated && !status?.lastState?.terminated) {
      return out.err(`error: container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${status?.state.waiting?.reason ?? 'ContainerCreating'}\n`).done(1);
    }
    const lines = linesOf(inv, pod, container);
    const shown = tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines;
    for (const l of shown) out.out(`${bool(args, 'prefix') ? `[pod/${pod.metadata.name}/${container}] ` : ''}${bool(args, 'timestamps') ? `${isoString(l.at).replace('.000Z', '.000000000Z')} ` : ''}${l.line}\n`);
  }
  return out.done(0);
}

function linesOf(inv: VerbInvocation, pod: Pod, container: string): { at: number; line: string }[] {
  const spec = pod.spec.containers.find((c) => c.name === container)!;
  const status = pod.status.containerStatuses?.find((c) => c.name === container);
  const started = Date.parse(status?.state.running?.startedAt ?? status?.state.terminated?.startedAt ?? status?.lastState?.terminated?.startedAt ?? '');
  return [...startupLines(spec, started), ...inv.ctx.cluster.componentStartupLog(pod, started), ...inv.ctx.cluster.logLines(pod.metadata.namespace ?? 'default', pod.metadata.name, container)];
}

/** POD or TYPE/NAME; for a workload kubectl picks one pod and says so when there are several. */
function findLogPod(inv: VerbInvocation, ref: string, out: OutputBuilder): Pod | string {
  if (!ref.includes('/')) return findPod(inv, ref, { anyPhase: true });
  const kind = ref.slice(0, ref.indexOf('/'));
  const found = findPod(inv, ref, { anyPhase: true });
  if (typeof found === 'string') return found;
  const siblings = inv.ctx.cluster.list('pods', inv.namespace).filter((p) => p.metadata.labels?.['pod-template-hash'] && p.metadata.ownerReferences?.some((o) => found.metadata.ownerReferences?.some((f) => f.uid === o.uid)));
  if (['deployment', 'deployments', 'deploy', 'replicaset', 'replicasets', 'rs'].includes(kind.toLowerCase()) && siblings.length > 1) {
    out.err(`Found ${siblings.length} pods, using pod/${found.metadata.name}\n`);
  }
  return found;
}
