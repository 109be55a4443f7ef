// Discovery: the API resources the simulated server knows, with the names, short names and scope
// `kubectl api-resources` lists for them, read from the registry table (registry/index.ts).
// kubectl resolves what the learner typed here.

import type { ResourceName } from '../kube/types';
import { KINDS, REGISTRY } from './registry/index';
import type { ResourceInfo } from './registry/kind-registry';
import { isServed, type CrdReader } from './crd-served';

export type { ResourceName } from '../kube/types';
export type { ResourceInfo } from './registry/kind-registry';

export const RESOURCES = Object.fromEntries(KINDS.map((k) => [k.info.resource, k.info])) as Record<ResourceName, ResourceInfo>;

const BY_ALIAS = new Map<string, ResourceInfo>();
for (const { info } of KINDS) {
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

/** As resolveResource, but a kind a CustomResourceDefinition defines only while that CRD is installed. */
export function resolveServedResource(typed: string, crds: CrdReader): ResourceInfo | undefined {
  const info = resolveResource(typed);
  return info && isServed(info, crds) ? info : undefined;
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
  return Object.hasOwn(REGISTRY, value);
}
