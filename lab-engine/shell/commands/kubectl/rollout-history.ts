// kubectl rollout history|undo|pause|resume for Deployments (pkg/cmd/rollout/rollout_history.go,
// rollout_undo.go, rollout_pause.go, rollout_resume.go; pkg/polymorphichelpers/history.go and
// rollback.go). A Deployment's history is its ReplicaSets, keyed by their
// deployment.kubernetes.io/revision annotation, with kubernetes.io/change-cause as the cause;
// undo copies a revision's template (without pod-template-hash) and annotations back onto the
// Deployment, which the deployment controller then rolls out as the newest revision.

import { controllerRef, REVISION_ANNOTATION } from '../../../cluster/controllers/index';
import { qualifiedResource, qualifiedSingular, type ResourceInfo } from '../../../cluster/resources';
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../../kube/types';
import type { CommandOutput, OutputBuilder } from '../../command-types';
import { describePodTemplate } from './printers/describe-pod';
import { DescribeWriter } from './printers/describe-writer';
import { notModelledText } from './kubectl-errors';
import type { VerbInvocation } from './verb';

type Target = { info: ResourceInfo; name: string | undefined };
export type HistorySubcommand = 'history' | 'undo' | 'pause' | 'resume';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';
/** rollback.go's annotationsToSkip: kept from the Deployment, never copied from the ReplicaSet. */
const KEPT_ON_ROLLBACK = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION_ANNOTATION, 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to']);

export function rolloutHistorySubcommand(sub: HistorySubcommand, inv: VerbInvocation, out: OutputBuilder, targets: Target[]): CommandOutput {
  let failed = false;
  for (const { info, name } of targets) {
    if (name === undefined) return out.err(notModelledText(`kubectl rollout ${sub} of every object of a type`)).done(1);
    const obj = inv.ctx.cluster.get(info.resource, inv.namespace, name);
    if (!obj) {
      out.err(`Error from server (NotFound): ${qualifiedResource(info)} "${name}" not found\n`);
      failed = true;
      continue;
    }
    if (info.resource !== 'deployments') {
      if (sub === 'pause' || sub === 'resume') out.err(`error: ${qualifiedResource(info)} "${name}" ${sub === 'pause' ? 'pausing' : 'resuming'} is not supported\n`);
      else out.err(notModelledText(`kubectl rollout ${sub} of a ${info.kind}`));
      failed = true;
      continue;
    }
    const d = obj as Deployment;
    const result = runOne(sub, inv, d, `${qualifiedSingular(info)}/${name}`);
    if (result.stdout) out.out(result.stdout);
    if (result.stderr) {
      out.err(result.stderr);
      failed = true;
    }
  }
  return out.done(failed ? 1 : 0);
}

function runOne(sub: HistorySubcommand, inv: VerbInvocation, d: Deployment, objectName: string): { stdout?: string; stderr?: string } {
  switch (sub) {
    case 'history':
      return history(inv, d, objectName);
    case 'undo':
      return undo(inv, d, objectName);
    case 'pause':
    case 'resume':
      return pauseOrResume(inv, d, objectName, sub === 'pause');
    default: {
      const never: never = sub;
      return never;
    }
  }
}

/** The Deployment's ReplicaSets by revision (deploymentutil.Revision; unannotated ones are skipped). */
function revisions(inv: VerbInvocation, d: Deployment): Map<number, ReplicaSet> {
  const byRevision = new Map<number, ReplicaSet>();
  for (const rs of inv.ctx.cluster.list('replicasets', d.metadata.namespace)) {
    if (controllerRef(rs.metadata.ownerReferences)?.uid !== d.metadata.uid) continue;
    const text = rs.metadata.annotations?.[REVISION_ANNOTATION];
    if (text === undefined || !/^\d+$/.test(text)) continue;
    byRevision.set(Number(text), rs);
  }
  return byRevision;
}

function history(inv: VerbInvocation, d: Deployment, objectName: string): { stdout?: string; stderr?: string } {
  const revision = (inv.args.flags.get('revision') as number | undefined) ?? 0;
  const all = revisions(inv, d);
  if (all.size === 0) return { stdout: `${objectName} \nNo rollout history found.\n` };
  if (revision > 0) {
    const rs = all.get(revision);
    if (!rs) return { stderr: 'error: unable to find the specified revision\n' };
    const w = new DescribeWriter();
    describePodTemplate(w, rs.spec.template);
    return { stdout: `${objectName} with revision #${revision}\n${w.done()}\n` };
  }
  // tabbedString: a tabwriter with padding 2, not the printers' 3.
  const rows = [...all.keys()].sort((a, b) => a - b).map((r) => `${String(r).padEnd(10)}${all.get(r)!.metadata.annotations?.[CHANGE_CAUSE] || '<none>'}\n`);
  return { stdout: `${objectName} \nREVISION  CHANGE-CAUSE\n${rows.join('')}\n` };
}

function withoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const copy = structuredClone(t);
  if (copy.metadata.labels) delete copy.metadata.labels['pod-template-hash'];
  return copy;
}

/** apiequality.Semantic.DeepEqual on plain data: key order does not matter. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function undo(inv: VerbInvocation, d: Deployment, objectName: string): { stdout?: string; stderr?: string } {
  const toRevision = (inv.args.flags.get('to-revision') as number | undefined) ?? 0;
  if (toRevision < 0) return { stderr: `error: unable to find specified revision ${toRevision} in history\n` };
  const all = revisions(inv, d);
  let target: ReplicaSet | undefined;
  let shown = toRevision;
  if (toRevision > 0) {
    target = all.get(toRevision);
    if (!target) return { stderr: `error: unable to find specified revision ${toRevision} in history\n` };
  } else {
    // deploymentRevision: the second-newest revision.
    const sorted = [...all.keys()].sort((a, b) => b - a);
    if (sorted.length < 2) return { stderr: `error: no rollout history found for deployment "${d.metadata.name}"\n` };
    target = all.get(sorted[1]);
    shown = 0;
  }
  if (d.spec.paused) return { stderr: "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n" };
  const template = withoutHash(target!.spec.template);
  if (sameData(template, d.spec.template)) return { stdout: `${objectName} skipped rollback (current template already matches revision ${shown})\n` };
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (KEPT_ON_ROLLBACK.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target!.metadata.annotations ?? {})) if (!KEPT_ON_ROLLBACK.has(k)) annotations[k] = v;
  inv.ctx.cluster.api.patch('deployments', d.metadata.namespace, d.metadata.name, (o) => {
    o.spec.template = template;
    if (Object.keys(annotations).length) o.metadata.annotations = annotations;
    else delete o.metadata.annotations;
    o.metadata.generation += 1;
  });
  return { stdout: `${objectName} rolled back\n` };
}

function pauseOrResume(inv: VerbInvocation, d: Deployment, objectName: string, pause: boolean): { stdout?: string; stderr?: string } {
  if (Boolean(d.spec.paused) === pause) return { stdout: `${objectName} already ${pause ? 'paused' : 'resumed'}\n` };
  inv.ctx.cluster.api.patch('deployments', d.metadata.namespace, d.metadata.name, (o) => {
    if (pause) o.spec.paused = true;
    else delete o.spec.paused;
    o.metadata.generation += 1;
  });
  return { stdout: `${objectName} ${pause ? 'paused' : 'resumed'}\n` };
}
