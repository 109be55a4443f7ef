// batch/v1 CronJob: a Job template run on a cron schedule. Fields, defaults (concurrencyPolicy
// Allow, suspend false, 3 successful / 1 failed jobs kept) and omitempty follow k8s.io/api/batch/v1.

import type { ObjectMeta, ObjectReference } from './meta';
import type { Job } from './batch-job';

export interface CronJob {
  apiVersion: 'batch/v1';
  kind: 'CronJob';
  metadata: ObjectMeta & { generation: number };
  spec: {
    concurrencyPolicy: 'Allow' | 'Forbid' | 'Replace';
    failedJobsHistoryLimit: number;
    jobTemplate: { metadata: { creationTimestamp: null; labels?: Record<string, string>; annotations?: Record<string, string> }; spec: Partial<Omit<Job['spec'], 'template'>> & { template: Job['spec']['template'] } };
    schedule: string;
    startingDeadlineSeconds?: number;
    successfulJobsHistoryLimit: number;
    suspend: boolean;
    timeZone?: string;
  };
  status: { active?: ObjectReference[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
}

// Registers these kinds' resources (see resource-types.ts).
declare module './resource-types' {
  interface ResourceTypes {
    cronjobs: CronJob;
  }
}
