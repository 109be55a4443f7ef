// CronJobs (batch/v1): strict decoding (the jobTemplate's spec decoded as a Job's), SetDefaults_CronJob
// (concurrencyPolicy Allow, suspend false, 3 successful and 1 failed jobs kept), ValidateCronJobCreate's
// texts (pkg/apis/batch/validation: a name of at most 52 characters, the schedule through
// robfig/cron's parser in cron-schedule.ts, concurrencyPolicy, non-negative limits, the template's
// restartPolicy OnFailure or Never) and printCronJob's Table (NAME SCHEDULE TIMEZONE SUSPEND ACTIVE
// LAST SCHEDULE AGE; CONTAINERS IMAGES SELECTOR with -o wide). Jobs are not yet created on the
// schedule (no cronjob controller).

import { invalid, type StatusCause } from '../../kube/api-errors';
import type { CronJob } from '../../kube/types';
import { validatePodRequest } from '../pod-admission';
import { rfc3339 } from '../time-format';
import { defaultTemplate } from '../workload-admission';
import { cronScheduleError } from './cron-schedule';
import { jsonType, metaOf, num, obj, str, TypeMismatch, type Obj, type ObjectMetaRequest } from './decode';
import { decodeJob, type JobRequest } from './job';
import { columns, type KindRegistry } from './kind-registry';
import { setLabelsAndAnnotations } from './metadata-update';
import { METADATA, ROOT, SELECTOR, TEMPLATE } from './strict-fields';
import { ageSince, containerCells, formatLabelSelector } from './table-cells';

export interface CronJobRequest extends ObjectMetaRequest {
  schedule?: string;
  timeZone?: string;
  concurrencyPolicy?: string;
  suspend?: boolean;
  startingDeadlineSeconds?: number;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate: JobRequest;
}

const JOB_SPEC = {
  parallelism: true, completions: true, backoffLimit: true, activeDeadlineSeconds: true, ttlSecondsAfterFinished: true, suspend: true, completionMode: true, manualSelector: true,
  podReplacementPolicy: true, selector: SELECTOR, template: TEMPLATE, backoffLimitPerIndex: true, maxFailedIndexes: true, podFailurePolicy: '*', successPolicy: '*',
} as const;

export const cronJobRegistry: KindRegistry<'cronjobs', CronJobRequest> = {
  info: { resource: 'cronjobs', singular: 'cronjob', kind: 'CronJob', shortNames: ['cj'], namespaced: true, apiVersion: 'batch/v1', group: 'batch' },
  fields: ROOT({
    schedule: true, timeZone: true, concurrencyPolicy: true, suspend: true, startingDeadlineSeconds: true, successfulJobsHistoryLimit: true, failedJobsHistoryLimit: true,
    jobTemplate: { metadata: METADATA, spec: JOB_SPEC },
  }),
  decode: decodeCronJob,
  create: (req, ctx) => admitCronJob(req, ctx.newUid(), rfc3339(ctx.now)),
  update(old, req) {
    const next = admitCronJob(req, old.metadata.uid, old.metadata.creationTimestamp);
    setLabelsAndAnnotations(old.metadata, req.labels, req.annotations);
    if (JSON.stringify(next.spec) !== JSON.stringify(old.spec)) {
      old.spec = next.spec;
      old.metadata.generation += 1;
    }
  },
  columns: columns(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'], ['CONTAINERS', 'IMAGES', 'SELECTOR']),
  cells: (cj, o) => [
    cj.metadata.name,
    cj.spec.schedule,
    cj.spec.timeZone ?? '<none>',
    cj.spec.suspend ? 'True' : 'False',
    String(cj.status.active?.length ?? 0),
    cj.status.lastScheduleTime ? ageSince(cj.status.lastScheduleTime, o.nowMs) : '<none>',
    ageSince(cj.metadata.creationTimestamp, o.nowMs),
    ...containerCells(cj.spec.jobTemplate.spec.template),
    formatLabelSelector(cj.spec.jobTemplate.spec.selector),
  ],
};

function decodeCronJob(o: Obj, namespace: string): CronJobRequest {
  const spec = obj(o.spec, 'CronJob.spec') ?? {};
  const template = obj(spec.jobTemplate, 'CronJobSpec.jobTemplate') ?? {};
  const suspend = spec.suspend;
  if (suspend !== undefined && suspend !== null && typeof suspend !== 'boolean') throw new TypeMismatch('CronJobSpec.suspend', jsonType(suspend), 'bool');
  const fields = {
    schedule: str(spec.schedule, 'CronJobSpec.schedule'),
    timeZone: str(spec.timeZone, 'CronJobSpec.timeZone'),
    concurrencyPolicy: str(spec.concurrencyPolicy, 'CronJobSpec.concurrencyPolicy'),
    suspend: typeof suspend === 'boolean' ? suspend : undefined,
    startingDeadlineSeconds: num(spec.startingDeadlineSeconds, 'CronJobSpec.startingDeadlineSeconds'),
    successfulJobsHistoryLimit: num(spec.successfulJobsHistoryLimit, 'CronJobSpec.successfulJobsHistoryLimit'),
    failedJobsHistoryLimit: num(spec.failedJobsHistoryLimit, 'CronJobSpec.failedJobsHistoryLimit'),
  };
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return { ...metaOf(o, namespace), ...defined, jobTemplate: decodeJob({ metadata: template.metadata, spec: template.spec }, namespace) };
}

const nonNegative = (field: string, value: number | undefined): StatusCause[] =>
  value !== undefined && value < 0 ? [{ field, message: `Invalid value: ${value}: must be greater than or equal to 0` }] : [];

export function admitCronJob(req: CronJobRequest, uid: string, createdAt: string): CronJob {
  const jt = req.jobTemplate;
  const template = defaultTemplate(jt.template);
  const causes = validatePodRequest({ name: req.name, namespace: req.namespace, containers: [{ name: 'x', image: 'x' }] });
  if (req.name.length > 52) causes.push({ field: 'metadata.name', message: `Invalid value: "${req.name}": must be no more than 52 characters` });
  if (!req.schedule) causes.push({ field: 'spec.schedule', message: 'Required value' });
  else {
    const error = cronScheduleError(req.schedule);
    if (error) causes.push({ field: 'spec.schedule', message: `Invalid value: "${req.schedule}": ${error}` });
  }
  const policy = req.concurrencyPolicy || 'Allow';
  if (!['Allow', 'Forbid', 'Replace'].includes(policy)) causes.push({ field: 'spec.concurrencyPolicy', message: `Unsupported value: "${policy}": supported values: "Allow", "Forbid", "Replace"` });
  causes.push(...nonNegative('spec.startingDeadlineSeconds', req.startingDeadlineSeconds));
  causes.push(...nonNegative('spec.successfulJobsHistoryLimit', req.successfulJobsHistoryLimit), ...nonNegative('spec.failedJobsHistoryLimit', req.failedJobsHistoryLimit));
  for (const c of validatePodRequest({ name: 'template', namespace: req.namespace, containers: jt.template.containers })) {
    causes.push({ field: c.field.replace(/^spec\./, 'spec.jobTemplate.spec.template.spec.'), message: c.message });
  }
  const restart = template.spec.restartPolicy;
  if (restart !== 'OnFailure' && restart !== 'Never') causes.push({ field: 'spec.jobTemplate.spec.template.spec.restartPolicy', message: `Unsupported value: "${restart}": supported values: "OnFailure", "Never"` });
  if (causes.length) throw invalid('CronJob', req.name, causes, 'batch');
  const { name: _n, namespace: _ns, labels, annotations, template: _t, ...jobFields } = jt;
  void _n;
  void _ns;
  void _t;
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      ...(req.annotations && Object.keys(req.annotations).length ? { annotations: { ...req.annotations } } : {}),
      creationTimestamp: createdAt,
      generation: 1,
      ...(req.labels && Object.keys(req.labels).length ? { labels: { ...req.labels } } : {}),
      name: req.name,
      namespace: req.namespace,
      resourceVersion: '',
      uid,
    },
    spec: {
      concurrencyPolicy: policy as CronJob['spec']['concurrencyPolicy'],
      failedJobsHistoryLimit: req.failedJobsHistoryLimit ?? 1,
      jobTemplate: {
        metadata: { creationTimestamp: null, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) },
        spec: { ...(jobFields as CronJob['spec']['jobTemplate']['spec']), template },
      },
      schedule: req.schedule!,
      ...(req.startingDeadlineSeconds !== undefined ? { startingDeadlineSeconds: req.startingDeadlineSeconds } : {}),
      successfulJobsHistoryLimit: req.successfulJobsHistoryLimit ?? 3,
      suspend: req.suspend ?? false,
      ...(req.timeZone ? { timeZone: req.timeZone } : {}),
    },
    status: {},
  };
}
