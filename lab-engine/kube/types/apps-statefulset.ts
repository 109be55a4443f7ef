// apps/v1 StatefulSet: pods with a stable identity (`<name>-<ordinal>`, a hostname under the
// governing headless Service), created and removed in ordinal order. Field names and omitempty
// behaviour follow k8s.io/api/apps/v1 as a v1.34 API server serves them.

import type { LabelSelector, ObjectMeta } from './meta';
import type { PodTemplateSpec } from './apps';

export interface StatefulSetUpdateStrategy {
  type: 'RollingUpdate' | 'OnDelete';
  /** Only with RollingUpdate: pods with an ordinal below `partition` keep the current revision. */
  rollingUpdate?: { partition: number; maxUnavailable?: string | number };
}

/** A volumeClaimTemplates entry, kept as sent: Flatnet models no storage, so no claim is made. */
export type PersistentVolumeClaimTemplate = Record<string, unknown>;

export interface StatefulSet {
  apiVersion: 'apps/v1';
  kind: 'StatefulSet';
  metadata: ObjectMeta & { generation: number };
  spec: {
    /** Ordinals start here (spec.ordinals.start, 0 by default). */
    ordinals?: { start: number };
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain' | 'Delete'; whenScaled: 'Retain' | 'Delete' };
    podManagementPolicy: 'OrderedReady' | 'Parallel';
    replicas: number;
    revisionHistoryLimit: number;
    selector: LabelSelector;
    /** The governing (headless) Service: each pod gets `subdomain: <serviceName>`. */
    serviceName: string;
    template: PodTemplateSpec;
    updateStrategy: StatefulSetUpdateStrategy;
    minReadySeconds?: number;
    volumeClaimTemplates?: PersistentVolumeClaimTemplate[];
  };
  status: {
    availableReplicas: number;
    collisionCount?: number;
    currentReplicas?: number;
    currentRevision?: string;
    observedGeneration?: number;
    readyReplicas?: number;
    replicas: number;
    updateRevision?: string;
    updatedReplicas?: number;
  };
}

// Registers these kinds' resources (see resource-types.ts).
declare module './resource-types' {
  interface ResourceTypes {
    statefulsets: StatefulSet;
  }
}
