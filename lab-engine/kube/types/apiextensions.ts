// apiextensions.k8s.io/v1 CustomResourceDefinition: only what the simulated server reads from one
// (its group, names, scope, and per version whether it is served and its printer columns). The
// OpenAPI schema is kept as sent but not evaluated; a kind a CRD defines is served by the
// hand-written registry Flatnet has for it (cluster/crd-served.ts).

import type { ObjectMeta } from './meta';

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  priority?: number;
  description?: string;
  format?: string;
}

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  additionalPrinterColumns?: PrinterColumn[];
  schema?: unknown;
  subresources?: unknown;
}

export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: ObjectMeta & { generation: number };
  spec: {
    group: string;
    names: { plural: string; singular?: string; kind: string; listKind?: string; shortNames?: string[]; categories?: string[] };
    scope: 'Namespaced' | 'Cluster';
    versions: CrdVersion[];
  };
  status: { conditions: { type: string; status: 'True' | 'False'; lastTransitionTime: string; reason: string; message: string }[]; acceptedNames: { plural: string; kind: string }; storedVersions: string[] };
}

declare module './resource-types' {
  interface ResourceTypes {
    customresourcedefinitions: CustomResourceDefinition;
  }
}
