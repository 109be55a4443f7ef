// Jobs (batch/v1): strict decoding; SetDefaults_Job (completions and parallelism 1 when both are
// left out, backoffLimit 6, NonIndexed, suspend false, podReplacementPolicy TerminatingOrFailed,
// manualSelector false; the Job takes its template's labels when it has none) and the strategy's
// generateSelector (the `batch.kubernetes.io/controller-uid` selector and the four job-name /
// controller-uid template labels); ValidateJob's texts (pkg/apis/batch/validation: restartPolicy
// OnFailure or Never, non-negative counts); ValidateJobUpdate's immutable selector, completions,
// completionMode and template; printJob's Table (STATUS from the conditions, COMPLETIONS
// `succeeded/completions`, DURATION from startTime to completionTime or now).

import { invalid, type StatusCause } from '../../kube/api-errors';
import { humanDuration } from '../../kube/human-duration';
import { selectorMatches } from '../../kube/label-selector';
import type { Job, LabelSelector, PodTemplateSpec } from '../../kube/types';
import { validatePodRequest } from '../pod-admission';
import { rfc3339 } from '../time-format';
import { defaultTemplate, type TemplateRequest } from '../workload-admission';
import { jsonType, metaOf, num, obj, podSpecFields, selectorOf, str, strMap, TypeMismatch, type ObjectMetaRequest, type Obj } from './decode';
import { columns, type KindRegistry } from './kind-registry';
import { setLabelsAndAnnotations } from './metadata-update';
import { NotModelled } from './not-modelled';
import { ROOT, SELECTOR, TEMPLATE } from './strict-fields';
import { ageSince, containerCells, formatLabelSelector } from './table-cells';
import { templateRequestOf } from './template-request';
import { selectorGo } from './update-helpers';

export interface JobRequest extends ObjectMetaRequest {
  parallelism?: number;
  completions?: number;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
  suspend?: boolean;
  completionMode?: string;
  manualSelector?: boolean;
  podReplacementPolicy?: string;
  selector?: LabelSelector;
  template: TemplateRequest;
}

const CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';
const JOB_NAME = 'batch.kubernetes.io/job-name';

export const jobRegistry: KindRegistry<'jobs', JobRequest> = {
  info: { resource: 'jobs', singular: 'job', kind: 'Job', shortNames: [], namespaced: true, apiVersion: 'batch/v1', group: 'batch' },
  fields: ROOT({
    parallelism: true, completions: true, backoffLimit: true, activeDeadlineSeconds: true, ttlSecondsAfterFinished: true, suspend: true, completionMode: true, manualSelector: true,
    podReplacementPolicy: true, selector: SELECTOR, template: TEMPLATE, backoffLimitPerIndex: true, maxFailedIndexes: true, podFailurePolicy: '*', successPolicy: '*', managedBy: true,
  }),
  decode: decodeJob,
  create: (req, ctx) => admitJob(req, ctx.newUid(), rfc3339(ctx.now)),
  update(old, req) {
    // The template labels and selector the server generated stay (an apply merges them back in).
    const next = admitJob({ ...req, selector: req.selector ?? old.spec.selector }, old.metadata.uid, old.metadata.creationTimestamp);
    const causes: StatusCause[] = [];
    if (next.spec.completions !== old.spec.completions) causes.push({ field: 'spec.completions', message: `Invalid value: ${next.spec.completions ?? 'null'}: field is immutable` });
    if (JSON.stringify(next.spec.selector) !== JSON.stringify(old.spec.selector)) causes.push({ field: 'spec.selector', message: `Invalid value: ${selectorGo(next.spec.selector)}: field is immutable` });
    if (JSON.stringify(next.spec.template) !== JSON.stringify(old.spec.template)) causes.push({ field: 'spec.template', message: `Invalid value: ${templateGo(next.spec.template)}: field is immutable` });
    if (next.spec.completionMode !== old.spec.completionMode) causes.push({ field: 'spec.completionMode', message: `Invalid value: "${next.spec.completionMode}": field is immutable` });
    if (causes.length) throw invalid('Job', req.name, causes, 'batch');
    setLabelsAndAnnotations(old.metadata, req.labels && Object.keys(req.labels).length ? next.metadata.labels : old.metadata.labels, next.metadata.annotations);
    if (JSON.stringify(next.spec) !== JSON.stringify(old.spec)) {
      old.spec = next.spec;
      old.metadata.generation += 1;
    }
  },
  requestOf: (job) => ({
    name: job.metadata.name,
    namespace: job.metadata.namespace ?? 'default',
    ...(job.metadata.labels ? { labels: { ...job.metadata.labels } } : {}),
    ...(job.metadata.annotations ? { annotations: { ...job.metadata.annotations } } : {}),
    parallelism: job.spec.parallelism,
    ...(job.spec.completions !== undefined ? { completions: job.spec.completions } : {}),
    backoffLimit: job.spec.backoffLimit,
    ...(job.spec.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: job.spec.activeDeadlineSeconds } : {}),
    ...(job.spec.ttlSecondsAfterFinished !== undefined ? { ttlSecondsAfterFinished: job.spec.ttlSecondsAfterFinished } : {}),
    suspend: job.spec.suspend,
    completionMode: job.spec.completionMode,
    manualSelector: job.spec.manualSelector,
    podReplacementPolicy: job.spec.podReplacementPolicy,
    selector: structuredClone(job.spec.selector),
    template: templateRequestOf(job.spec.template),
  }),
  columns: columns(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'], ['CONTAINERS', 'IMAGES', 'SELECTOR']),
  cells: (job, o) => [job.metadata.name, jobStatus(job), completions(job), duration(job, o.nowMs), ageSince(job.metadata.creationTimestamp, o.nowMs), ...containerCells(job.spec.template), formatLabelSelector(job.spec.selector)],
  selectableFields: ['status.successful'],
};

export function decodeJob(o: Obj, namespace: string): JobRequest {
  const spec = obj(o.spec, 'Job.spec') ?? {};
  const template = obj(spec.template, 'JobSpec.template') ?? {};
  const tmeta = obj(template.metadata, 'PodTemplateSpec.metadata') ?? {};
  // A template's pods are placed by the scheduler: nodeName is not part of what a controller stamps out.
  const tspec = podSpecFields(obj(template.spec, 'PodTemplateSpec.spec') ?? {});
  delete tspec.nodeName;
  const labels = strMap(tmeta.labels, 'ObjectMeta.labels');
  const annotations = strMap(tmeta.annotations, 'ObjectMeta.annotations');
  const bool = (v: unknown, field: string) => {
    if (v !== undefined && v !== null && typeof v !== 'boolean') throw new TypeMismatch(field, jsonType(v), 'bool');
    return v ?? undefined;
  };
  const fields: Omit<JobRequest, keyof ObjectMetaRequest | 'template'> = {
    parallelism: num(spec.parallelism, 'JobSpec.parallelism'),
    completions: num(spec.completions, 'JobSpec.completions'),
    backoffLimit: num(spec.backoffLimit, 'JobSpec.backoffLimit'),
    activeDeadlineSeconds: num(spec.activeDeadlineSeconds, 'JobSpec.activeDeadlineSeconds'),
    ttlSecondsAfterFinished: num(spec.ttlSecondsAfterFinished, 'JobSpec.ttlSecondsAfterFinished'),
    suspend: bool(spec.suspend, 'JobSpec.suspend') as boolean | undefined,
    completionMode: str(spec.completionMode, 'JobSpec.completionMode'),
    manualSelector: bool(spec.manualSelector, 'JobSpec.manualSelector') as boolean | undefined,
    podReplacementPolicy: str(spec.podReplacementPolicy, 'JobSpec.podReplacementPolicy'),
    selector: selectorOf(spec.selector, 'JobSpec.selector'),
  };
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return { ...metaOf(o, namespace), ...defined, template: { ...tspec, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) } };
}

/** SetDefaults_Job, PrepareForCreate's generateSelector, then ValidateJob. */
export function admitJob(req: JobRequest, uid: string, createdAt: string): Job {
  if (req.completionMode === 'Indexed') throw new NotModelled('Indexed Jobs (completionMode: Indexed)');
  const bothUnset = req.completions === undefined && req.parallelism === undefined;
  const manualSelector = req.manualSelector ?? false;
  const templateLabels = { ...(req.template.labels ?? {}) };
  const selector: LabelSelector = structuredClone(req.selector ?? {});
  if (!manualSelector) {
    for (const key of ['job-name', JOB_NAME]) templateLabels[key] ??= req.name;
    for (const key of ['controller-uid', CONTROLLER_UID]) templateLabels[key] ??= uid;
    selector.matchLabels = { ...selector.matchLabels, [CONTROLLER_UID]: selector.matchLabels?.[CONTROLLER_UID] ?? uid };
  }
  const template = defaultTemplate({ ...req.template, labels: templateLabels });
  const spec: Job['spec'] = {
    ...(req.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: req.activeDeadlineSeconds } : {}),
    backoffLimit: req.backoffLimit ?? 6,
    completionMode: (req.completionMode || 'NonIndexed') as Job['spec']['completionMode'],
    ...(bothUnset ? { completions: 1 } : req.completions !== undefined ? { completions: req.completions } : {}),
    manualSelector,
    parallelism: req.parallelism ?? 1,
    podReplacementPolicy: (req.podReplacementPolicy || 'TerminatingOrFailed') as Job['spec']['podReplacementPolicy'],
    selector,
    suspend: req.suspend ?? false,
    template,
    ...(req.ttlSecondsAfterFinished !== undefined ? { ttlSecondsAfterFinished: req.ttlSecondsAfterFinished } : {}),
  };
  const causes = validateJob(req, spec);
  if (causes.length) throw invalid('Job', req.name, causes, 'batch');
  const labels = req.labels && Object.keys(req.labels).length ? req.labels : template.metadata.labels;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      ...(req.annotations && Object.keys(req.annotations).length ? { annotations: { ...req.annotations } } : {}),
      creationTimestamp: createdAt,
      generation: 1,
      ...(labels && Object.keys(labels).length ? { labels: { ...labels } } : {}),
      name: req.name,
      namespace: req.namespace,
      resourceVersion: '',
      uid,
    },
    spec,
    status: {},
  };
}

const nonNegative = (field: string, value: number | undefined): StatusCause[] =>
  value !== undefined && value < 0 ? [{ field, message: `Invalid value: ${value}: must be greater than or equal to 0` }] : [];

/** ValidateObjectMeta, validateJobSpec, then the selector rules of ValidateJobSpec, in the server's order. */
function validateJob(req: JobRequest, spec: Job['spec']): StatusCause[] {
  const causes: StatusCause[] = validatePodRequest({ name: req.name, namespace: req.namespace, containers: [{ name: 'x', image: 'x' }] });
  causes.push(...nonNegative('spec.parallelism', spec.parallelism), ...nonNegative('spec.completions', spec.completions));
  causes.push(...nonNegative('spec.activeDeadlineSeconds', spec.activeDeadlineSeconds), ...nonNegative('spec.backoffLimit', spec.backoffLimit));
  causes.push(...nonNegative('spec.ttlSecondsAfterFinished', spec.ttlSecondsAfterFinished));
  if (spec.completionMode !== 'NonIndexed') causes.push({ field: 'spec.completionMode', message: `Unsupported value: "${spec.completionMode}": supported values: "NonIndexed", "Indexed"` });
  if (spec.podReplacementPolicy !== 'TerminatingOrFailed' && spec.podReplacementPolicy !== 'Failed') {
    causes.push({ field: 'spec.podReplacementPolicy', message: `Unsupported value: "${spec.podReplacementPolicy}": supported values: "Failed", "TerminatingOrFailed"` });
  }
  for (const c of validatePodRequest({ name: 'template', namespace: req.namespace, containers: req.template.containers })) {
    causes.push({ field: c.field.replace(/^spec\./, 'spec.template.spec.'), message: c.message });
  }
  const restart = spec.template.spec.restartPolicy;
  if (restart !== 'OnFailure' && restart !== 'Never') causes.push({ field: 'spec.template.spec.restartPolicy', message: `Unsupported value: "${restart}": supported values: "OnFailure", "Never"` });
  if (!Object.keys(spec.selector.matchLabels ?? {}).length && !(spec.selector.matchExpressions ?? []).length) {
    causes.push({ field: 'spec.selector', message: 'Required value' });
  } else if (!selectorMatches(spec.selector, spec.template.metadata.labels)) {
    causes.push({ field: 'spec.template.metadata.labels', message: `Invalid value: ${goMap(spec.template.metadata.labels)}: \`selector\` does not match template \`labels\`` });
  }
  return causes;
}

/** Go's %#v of a map[string]string, as validation messages print template labels. */
function goMap(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (!labels || keys.length === 0) return 'map[string]string(nil)';
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(labels[k])}`).join(', ')}}`;
}

/**
 * The head of Go's %#v of the new core.PodTemplateSpec, as ValidateImmutableField prints it. The
 * real text goes on through every PodSpec field, with pointer addresses that differ on each
 * request, so only its shape and the fields a learner changes are reproduced.
 */
function templateGo(t: PodTemplateSpec): string {
  const strs = (xs: readonly string[] | undefined) => (xs ? `[]string{${xs.map((x) => JSON.stringify(x)).join(', ')}}` : '[]string(nil)');
  const containers = t.spec.containers.map((c) => `core.Container{Name:${JSON.stringify(c.name)}, Image:${JSON.stringify(c.image)}, Command:${strs(c.command)}, Args:${strs(c.args)}, ...}`).join(', ');
  return `core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{Name:"", ..., Labels:${goMap(t.metadata.labels)}, ...}, Spec:core.PodSpec{..., Containers:[]core.Container{${containers}}, ..., RestartPolicy:${JSON.stringify(t.spec.restartPolicy)}, ...}}`;
}

/** printJob's STATUS: the first condition that holds, in the printer's order. */
function jobStatus(job: Job): string {
  const holds = (type: string) => (job.status.conditions ?? []).some((c) => c.type === type && c.status === 'True');
  if (holds('Complete')) return 'Complete';
  if (holds('Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (holds('Suspended')) return 'Suspended';
  if (holds('FailureTarget')) return 'FailureTarget';
  if (holds('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function completions(job: Job): string {
  const succeeded = job.status.succeeded ?? 0;
  if (job.spec.completions !== undefined) return `${succeeded}/${job.spec.completions}`;
  return job.spec.parallelism > 1 ? `${succeeded}/1 of ${job.spec.parallelism}` : `${succeeded}/1`;
}

function duration(job: Job, nowMs: number): string {
  if (!job.status.startTime) return '';
  const start = Date.parse(job.status.startTime);
  return humanDuration((job.status.completionTime ? Date.parse(job.status.completionTime) : nowMs) - start);
}
