// apps/v1 workloads: Deployment, ReplicaSet and DaemonSet, with the pod template they stamp pods from.

import type { Condition, LabelSelector, ObjectMeta } from './meta';
import type { PodSpec } from './core';

/** A pod template as workloads store it: metadata (labels, annotations) and a PodSpec. */
export interface PodTemplateSpec {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string>; creationTimestamp?: null };
  spec: PodSpec;
}

export interface RollingUpdateDeployment {
  maxSurge: string | number;
  maxUnavailable: string | number;
}

export interface Deployment {
  apiVersion: 'apps/v1';
  kind: 'Deployment';
  metadata: ObjectMeta & { generation: number };
  spec: {
    replicas: number;
    selector: LabelSelector;
    template: PodTemplateSpec;
    strategy: { type: 'RollingUpdate' | 'Recreate'; rollingUpdate?: RollingUpdateDeployment };
    revisionHistoryLimit: number;
    progressDeadlineSeconds: number;
    /** `kubectl rollout pause`: template changes wait until resumed. */
    paused?: boolean;
  };
  status: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: Condition[];
  };
}

export interface ReplicaSet {
  apiVersion: 'apps/v1';
  kind: 'ReplicaSet';
  metadata: ObjectMeta & { generation: number };
  spec: { replicas: number; selector: LabelSelector; template: PodTemplateSpec };
  status: {
    replicas: number;
    fullyLabeledReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
  };
}

export interface DaemonSet {
  apiVersion: 'apps/v1';
  kind: 'DaemonSet';
  metadata: ObjectMeta & { generation: number };
  spec: {
    selector: LabelSelector;
    template: PodTemplateSpec;
    updateStrategy: { type: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { maxSurge: string | number; maxUnavailable: string | number } };
    revisionHistoryLimit: number;
  };
  status: {
    currentNumberScheduled: number;
    desiredNumberScheduled: number;
    numberAvailable?: number;
    numberMisscheduled: number;
    numberReady: number;
    numberUnavailable?: number;
    observedGeneration?: number;
    updatedNumberScheduled?: number;
  };
}

export type Workload = Deployment | ReplicaSet | DaemonSet;


// Registers these kinds' resources (see resource-types.ts).
declare module './resource-types' {
  interface ResourceTypes {
    deployments: Deployment;
    replicasets: ReplicaSet;
    daemonsets: DaemonSet;
  }
}
