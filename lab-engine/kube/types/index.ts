// API objects in Kubernetes' own shapes, as the simulated API server stores and serves them, one
// file per API area. Importers use `kube/types`; ResourceTypes (resource-types.ts) maps each
// resource name to its type, and every union over kinds derives from it.

import type { ResourceTypes } from './resource-types';

export type * from './meta';
export type * from './core';
export type * from './core-services';
export type * from './core-config';
export type * from './discovery';
export type * from './apps';
export type * from './apps-statefulset';
export type * from './batch-job';
export type * from './batch-cronjob';
export type * from './rbac';
export type * from './networking';
export type * from './events';
export type * from './apiextensions';
export type * from './gateway-api';
export type * from './calico';
export type { ResourceTypes } from './resource-types';

/** A resource the API server serves (`pods`, `deployments`). */
export type ResourceName = keyof ResourceTypes;
export type ApiObject = ResourceTypes[ResourceName];
export type Kind = ApiObject['kind'];
