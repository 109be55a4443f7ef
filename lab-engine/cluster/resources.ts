// The API resources the simulated server knows, with the names, short names and scope
// `kubectl api-resources` lists for them. kubectl resolves what the learner typed here.

import type { Kind } from './types';

export type ResourceName = 'namespaces' | 'nodes' | 'pods';

export interface ResourceInfo {
  resource: ResourceName;
  singular: string;
  kind: Kind;
  shortNames: string[];
  namespaced: boolean;
  apiVersion: string;
}

export const RESOURCES: Record<ResourceName, ResourceInfo> = {
  namespaces: { resource: 'namespaces', singular: 'namespace', kind: 'Namespace', shortNames: ['ns'], namespaced: false, apiVersion: 'v1' },
  nodes: { resource: 'nodes', singular: 'node', kind: 'Node', shortNames: ['no'], namespaced: false, apiVersion: 'v1' },
  pods: { resource: 'pods', singular: 'pod', kind: 'Pod', shortNames: ['po'], namespaced: true, apiVersion: 'v1' },
};

const BY_ALIAS = new Map<string, ResourceInfo>();
for (const info of Object.values(RESOURCES)) {
  for (const alias of [info.resource, info.singular, ...info.shortNames, `${info.resource}.${info.apiVersion}`]) {
    BY_ALIAS.set(alias, info);
  }
}

/** The resource a typed name stands for (`po`, `pod`, `Pods`), or undefined if the server has none. */
export function resolveResource(typed: string): ResourceInfo | undefined {
  return BY_ALIAS.get(typed.toLowerCase());
}

export function isResourceName(value: string): value is ResourceName {
  return Object.hasOwn(RESOURCES, value);
}
