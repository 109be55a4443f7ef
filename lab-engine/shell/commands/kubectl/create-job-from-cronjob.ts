// `kubectl create job NAME --from=cronjob/CRONJOB` (create_job.go createJobFromCronJob): the Job
// takes the CronJob's jobTemplate (its labels, its annotations plus
// `cronjob.kubernetes.io/instantiate: manual`, its spec) and a controller ownerReference to the
// CronJob. A missing CronJob is the server's NotFound, as the resource builder's GET answers;
// a refused create is wrapped in `failed to create job:` as createJob's Run does.

import { isApiError, type ApiError } from '../../../kube/api-errors';
import type { Job } from '../../../kube/types';
import { templateRequestOf } from '../../../cluster/registry/template-request';
import type { VerbInvocation } from './verb';

/** The stored (or server-dry-run) Job, or the error text kubectl prints. */
export function jobFromCronJob(inv: VerbInvocation, name: string, cronJobName: string, dryRun: boolean): Job | string {
  const cj = inv.ctx.cluster.get('cronjobs', inv.namespace, cronJobName);
  if (!cj) return `Error from server (NotFound): cronjobs.batch "${cronJobName}" not found\n`;
  const jt = cj.spec.jobTemplate;
  const { template, selector: _selector, ...fields } = jt.spec;
  void _selector;
  try {
    const job = inv.ctx.cluster.api.create(
      'jobs',
      {
        name,
        namespace: inv.namespace,
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...jt.metadata.annotations },
        ...(jt.metadata.labels ? { labels: jt.metadata.labels } : {}),
        ...(fields as Record<string, unknown>),
        template: templateRequestOf(template),
      },
      { dryRun },
    );
    if (dryRun) return job;
    const owner = { apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true };
    return inv.ctx.cluster.api.patch('jobs', inv.namespace, name, (j) => {
      j.metadata.ownerReferences = [owner];
    });
  } catch (error) {
    if (!isApiError(error)) throw error;
    return `error: failed to create job: ${(error as ApiError).message}\n`;
  }
}
