// kubectl rollout status|restart (pkg/cmd/rollout, pkg/polymorphichelpers): status prints the
// DeploymentStatusViewer / DaemonSetStatusViewer messages as the rollout moves on the simulated
// clock until it is done (or --watch=false prints it once); restart stamps the pod template with
// kubectl.kubernetes.io/restartedAt. history, undo, pause and resume live in rollout-history.ts.

import { restartedAt } from '../../../cluster/apiserver/rollout-restart';
import { isoString } from '../../../core/utc-text';
import { qualifiedSingular, type ResourceInfo } from '../../../cluster/resources';
import type { DaemonSet, Deployment, StatefulSet } from '../../../kube/types';
import { rolloutHistorySubcommand } from './rollout-history';
import { STATEFULSET_ONLY_ROLLING, statefulSetStatus } from './rollout-status-statefulset';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { flagErrorText, notModelledText } from './kubectl-errors';
import { parseTargets } from './resource-args';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';

const SUBCOMMANDS = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];

const ROLLOUT_HELP = `Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc

  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo

  # Restart a deployment
  kubectl rollout restart deployment/abc

  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
${OPTIONS_TRAILER}`;

export const rollout: KubectlVerb = {
  name: 'rollout',
  flags: [
    { name: 'watch', short: 'w', kind: 'bool' },
    { name: 'timeout', kind: 'string' },
    { name: 'revision', kind: 'int' },
    { name: 'to-revision', kind: 'int' },
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'selector', short: 'l', kind: 'string', unsupported: true },
    { name: 'filename', short: 'f', kind: 'strings', unsupported: true },
  ],
  help: ROLLOUT_HELP,
  run: runRollout,
};

async function runRollout(inv: VerbInvocation): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const [sub, ...rest] = inv.args.positionals;
  if (!sub) return out.out(ROLLOUT_HELP).done(0);
  if (!SUBCOMMANDS.includes(sub)) return out.out(ROLLOUT_HELP).done(0);
  if (rest.length === 0) return out.err('error: required resource not specified\n').done(1);
  if (sub === 'restart' && inv.args.flags.has('watch')) return out.err(flagErrorText('unknown flag: --watch', 'kubectl rollout restart')).done(1);
  const parsed = parseTargets(rest);
  if (!parsed.ok) return out.err(parsed.error).done(1);
  if (sub === 'history' || sub === 'undo' || sub === 'pause' || sub === 'resume') return rolloutHistorySubcommand(sub, inv, out, parsed.targets);
  return sub === 'status' ? rolloutStatus(inv, out, parsed.targets) : rolloutRestart(inv, out, parsed.targets);
}

type Target = { info: ResourceInfo; name: string | undefined };

function rolloutRestart(inv: VerbInvocation, out: OutputBuilder, targets: Target[]): CommandOutput {
  let failed = false;
  for (const { info, name } of targets) {
    if (name === undefined) return out.err(notModelledText('restarting every object of a type')).done(1);
    const obj = inv.ctx.cluster.get(info.resource, inv.namespace, name);
    if (!obj) {
      out.err(`Error from server (NotFound): ${info.group ? `${info.resource}.${info.group}` : info.resource} "${name}" not found\n`);
      failed = true;
      continue;
    }
    if (info.resource !== 'deployments' && info.resource !== 'daemonsets' && info.resource !== 'statefulsets') {
      out.err(`error: ${info.group ? `${info.resource}.${info.group}` : info.resource} "${name}" restarting is not supported\n`);
      failed = true;
      continue;
    }
    const stamp = isoString(Math.floor(inv.ctx.cluster.now() / 1000) * 1000).replace('.000Z', 'Z');
    if ((obj as Deployment | DaemonSet | StatefulSet).spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'] === stamp) {
      out.err(`error: failed to create patch for ${name}: if restart has already been triggered within the past second, please wait before attempting to trigger another\n`);
      failed = true;
      continue;
    }
    inv.ctx.cluster.api.patch(info.resource as 'deployments' | 'daemonsets' | 'statefulsets', inv.namespace, name, restartedAt(inv.ctx.cluster.now()));
    out.out(`${qualifiedSingular(info)}/${name} restarted\n`);
  }
  return out.done(failed ? 1 : 0);
}

/** The status viewers' message for the object as it is now. */
function statusMessage(obj: Deployment | DaemonSet | StatefulSet): { message: string; done: boolean } {
  if (obj.kind === 'StatefulSet') return statefulSetStatus(obj);
  if (obj.kind === 'Deployment') {
    const st = obj.status;
    const name = obj.metadata.name;
    if (obj.metadata.generation > (st.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
    if ((st.updatedReplicas ?? 0) < obj.spec.replicas) return { message: `Waiting for deployment "${name}" rollout to finish: ${st.updatedReplicas ?? 0} out of ${obj.spec.replicas} new replicas have been updated...\n`, done: false };
    if ((st.replicas ?? 0) > (st.updatedReplicas ?? 0)) return { message: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - (st.updatedReplicas ?? 0)} old replicas are pending termination...\n`, done: false };
    if ((st.availableReplicas ?? 0) < (st.updatedReplicas ?? 0)) return { message: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${st.updatedReplicas ?? 0} updated replicas are available...\n`, done: false };
    return { message: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  const st = obj.status;
  const name = obj.metadata.name;
  if (obj.metadata.generation > (st.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  if ((st.updatedNumberScheduled ?? 0) < st.desiredNumberScheduled) return { message: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${st.desiredNumberScheduled} new pods have been updated...\n`, done: false };
  if ((st.numberAvailable ?? 0) < st.desiredNumberScheduled) return { message: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${st.desiredNumberScheduled} updated pods are available...\n`, done: false };
  return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
}

async function rolloutStatus(inv: VerbInvocation, out: OutputBuilder, targets: Target[]): Promise<CommandOutput> {
  if (targets.length !== 1 || targets[0].name === undefined) {
    return out.err(notModelledText(targets.length > 1 ? 'watching several rollouts at once' : 'watching every object of a type')).done(1);
  }
  const { info, name } = targets[0];
  const { cluster } = inv.ctx;
  const watch = inv.args.flags.has('watch') ? inv.args.flags.get('watch') === true : true;
  const get = () => cluster.get(info.resource, inv.namespace, name) as Deployment | DaemonSet | StatefulSet | undefined;
  if (!get()) return out.err(`Error from server (NotFound): ${info.group ? `${info.resource}.${info.group}` : info.resource} "${name}" not found\n`).done(1);
  if (info.resource === 'statefulsets' && (get() as StatefulSet).spec.updateStrategy.type !== 'RollingUpdate') return out.err(STATEFULSET_ONLY_ROLLING).done(1);
  if (info.resource !== 'deployments' && info.resource !== 'daemonsets' && info.resource !== 'statefulsets') {
    return out.err(`error: no status viewer has been implemented for ${info.group ? `${info.kind}.${info.group}` : info.kind}\n`).done(1);
  }
  const timeoutText = typeof inv.args.flags.get('timeout') === 'string' ? (inv.args.flags.get('timeout') as string) : '0s';
  const timeoutMs = parseDuration(timeoutText);
  if (timeoutMs === undefined) return out.err(`error: invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"\n`).done(1);
  // Without --timeout kubectl waits forever; the controller gives up after progressDeadlineSeconds.
  const deadlineSeconds = info.resource === 'deployments' ? (get() as Deployment).spec.progressDeadlineSeconds : 600;
  const start = cluster.now();
  const limit = start + (timeoutMs || deadlineSeconds * 1000);
  let last = '';
  for (;;) {
    const obj = get();
    if (!obj) return out.err(`error: object has been deleted\n`).done(1);
    const { message, done } = statusMessage(obj);
    if (message !== last) out.out(message);
    last = message;
    if (done || !watch) return out.done(0);
    if (cluster.now() >= limit) {
      if (timeoutMs) return out.err('error: timed out waiting for the condition\n').done(1);
      return out.err(`error: deployment "${name}" exceeded its progress deadline\n`).done(1);
    }
    const next = cluster.nextEventAt();
    const want = Math.max(1, Math.min(next === undefined ? limit : next, limit) - cluster.now());
    const slept = await inv.ctx.sleep(want);
    if (slept < want) return out.done(130);
  }
}

function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
    consumed += m[0].length;
  }
  return consumed === text.length && text.length > 0 ? total : undefined;
}
