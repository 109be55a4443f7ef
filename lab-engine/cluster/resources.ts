// The API resources the simulated server knows, with the names, short names and scope
// `kubectl api-resources` lists for them. kubectl resolves what the learner typed here.

import type { Kind } from '../kube/types';

export type ResourceName = 'namespaces' | 'nodes' | 'pods' | 'deployments' | 'replicasets' | 'daemonsets' | 'services' | 'endpoints' | 'endpointslices' | 'networkpolicies' | 'configmaps' | 'secrets' | 'ingresses' | 'ingressclasses' | 'events';

export interface ResourceInfo {
  resource: ResourceName;
  singular: string;
  kind: Kind;
  shortNames: string[];
  namespaced: boolean;
  apiVersion: string;
  /** API group; '' for the core group. */
  group: string;
}

export const RESOURCES: Record<ResourceName, ResourceInfo> = {
  namespaces: { resource: 'namespaces', singular: 'namespace', kind: 'Namespace', shortNames: ['ns'], namespaced: false, apiVersion: 'v1', group: '' },
  nodes: { resource: 'nodes', singular: 'node', kind: 'Node', shortNames: ['no'], namespaced: false, apiVersion: 'v1', group: '' },
  pods: { resource: 'pods', singular: 'pod', kind: 'Pod', shortNames: ['po'], namespaced: true, apiVersion: 'v1', group: '' },
  deployments: { resource: 'deployments', singular: 'deployment', kind: 'Deployment', shortNames: ['deploy'], namespaced: true, apiVersion: 'apps/v1', group: 'apps' },
  replicasets: { resource: 'replicasets', singular: 'replicaset', kind: 'ReplicaSet', shortNames: ['rs'], namespaced: true, apiVersion: 'apps/v1', group: 'apps' },
  services: { resource: 'services', singular: 'service', kind: 'Service', shortNames: ['svc'], namespaced: true, apiVersion: 'v1', group: '' },
  endpoints: { resource: 'endpoints', singular: 'endpoints', kind: 'Endpoints', shortNames: ['ep'], namespaced: true, apiVersion: 'v1', group: '' },
  endpointslices: { resource: 'endpointslices', singular: 'endpointslice', kind: 'EndpointSlice', shortNames: [], namespaced: true, apiVersion: 'discovery.k8s.io/v1', group: 'discovery.k8s.io' },
  networkpolicies: { resource: 'networkpolicies', singular: 'networkpolicy', kind: 'NetworkPolicy', shortNames: ['netpol'], namespaced: true, apiVersion: 'networking.k8s.io/v1', group: 'networking.k8s.io' },
  configmaps: { resource: 'configmaps', singular: 'configmap', kind: 'ConfigMap', shortNames: ['cm'], namespaced: true, apiVersion: 'v1', group: '' },
  secrets: { resource: 'secrets', singular: 'secret', kind: 'Secret', shortNames: [], namespaced: true, apiVersion: 'v1', group: '' },
  ingresses: { resource: 'ingresses', singular: 'ingress', kind: 'Ingress', shortNames: ['ing'], namespaced: true, apiVersion: 'networking.k8s.io/v1', group: 'networking.k8s.io' },
  ingressclasses: { resource: 'ingressclasses', singular: 'ingressclass', kind: 'IngressClass', shortNames: [], namespaced: false, apiVersion: 'networking.k8s.io/v1', group: 'networking.k8s.io' },
  events: { resource: 'events', singular: 'event', kind: 'Event', shortNames: ['ev'], namespaced: true, apiVersion: 'v1', group: '' },
  daemonsets: { resource: 'daemonsets', singular: 'daemonset', kind: 'DaemonSet', shortNames: ['ds'], namespaced: true, apiVersion: 'apps/v1', group: 'apps' },
};

const BY_ALIAS = new Map<string, ResourceInfo>();
for (const info of Object.values(RESOURCES)) {
  const version = info.apiVersion.split('/').pop();
  const qualified = info.group ? [`${info.resource}.${info.group}`, `${info.singular}.${info.group}`, `${info.resource}.${version}.${info.group}`] : [`${info.resource}.${version}`];
  for (const alias of [info.resource, info.singular, ...info.shortNames, ...qualified]) {
    BY_ALIAS.set(alias, info);
  }
}

/** The resource a typed name stands for (`po`, `pod`, `Pods`), or undefined if the server has none. */
export function resolveResource(typed: string): ResourceInfo | undefined {
  return BY_ALIAS.get(typed.toLowerCase());
}

/** `deployment.apps`, `pod`: how kubectl names a kind in `-o name` and in "created"/"deleted" lines. */
export function qualifiedSingular(info: ResourceInfo): string {
  return info.group ? `${info.singular}.${info.group}` : info.singular;
}

/** `deployments.apps`, `pods`: how the API server names a resource in NotFound and AlreadyExists messages. */
export function qualifiedResource(info: ResourceInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

export function isResourceName(value: string): value is ResourceName {
  return Object.hasOwn(RESOURCES, value);
}
