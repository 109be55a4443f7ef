// batch/v1 Job: pods that run to completion, `completions` successes wanted, at most
// `parallelism` at once, `backoffLimit` failures tolerated. Field names, defaults and omitempty
// behaviour follow k8s.io/api/batch/v1 as a v1.34 API server serves them (JobSuccessPolicy and
// JobPodReplacementPolicy on: `podReplacementPolicy`, `status.terminating`, the interim
// SuccessCriteriaMet and FailureTarget conditions).

import type { LabelSelector, ObjectMeta } from './meta';
import type { PodTemplateSpec } from './apps';

export interface JobCondition {
  type: 'SuccessCriteriaMet' | 'Complete' | 'FailureTarget' | 'Failed' | 'Suspended';
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

export interface Job {
  apiVersion: 'batch/v1';
  kind: 'Job';
  metadata: ObjectMeta & { generation: number };
  spec: {
    activeDeadlineSeconds?: number;
    backoffLimit: number;
    completionMode: 'NonIndexed' | 'Indexed';
    /** Absent: any one success completes the Job (a work queue). */
    completions?: number;
    manualSelector: boolean;
    parallelism: number;
    podReplacementPolicy: 'TerminatingOrFailed' | 'Failed';
    selector: LabelSelector;
    suspend: boolean;
    template: PodTemplateSpec;
    ttlSecondsAfterFinished?: number;
  };
  status: {
    active?: number;
    completionTime?: string;
    conditions?: JobCondition[];
    failed?: number;
    ready?: number;
    startTime?: string;
    succeeded?: number;
    terminating?: number;
    uncountedTerminatedPods?: { failed?: string[]; succeeded?: string[] };
  };
}

// Registers these kinds' resources (see resource-types.ts).
declare module './resource-types' {
  interface ResourceTypes {
    jobs: Job;
  }
}
