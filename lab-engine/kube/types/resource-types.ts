// The map from resource name (`pods`) to its API type, filled by each kube/types/<area>.ts file
// through module augmentation, so a new kind registers itself in its own type file:
//
//   declare module './resource-types' {
//     interface ResourceTypes { statefulsets: StatefulSet }
//   }
//
// ResourceName, ApiObject and Kind (index.ts) derive from it, and the API server's registry
// table (cluster/registry/index.ts) must have an entry for every key.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ResourceTypes {}
