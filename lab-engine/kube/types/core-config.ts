// core/v1 ConfigMap and Secret: configuration a pod reads.

import type { ObjectMeta } from './meta';

// ---- ConfigMap and Secret (v1)

export interface ConfigMap {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: ObjectMeta;
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export interface Secret {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: ObjectMeta;
  /** kubernetes.io/tls, Opaque, ... */
  type: string;
  /** Values base64-encoded, as the API serves them. */
  data?: Record<string, string>;
  immutable?: boolean;
}


// Registers these kinds' resources (see resource-types.ts).
declare module './resource-types' {
  interface ResourceTypes {
    configmaps: ConfigMap;
    secrets: Secret;
  }
}
