// The typed read-only view of the model (contract.ts's ClusterView) over any store of API
// objects: the live Cluster for the Simulation, a handful of plain objects for a test's fake.
// It resolves what a lab or a learner calls a resource through the kind registry's discovery
// (so `po`, `pod` and `deployments.apps` name what kubectl would), drops the namespace of
// cluster-scoped kinds, and filters by a `-l`-style selector with kube/'s one parser.

import { resolveResource } from '../cluster/resources';
import { matchesSelector, parseSelector } from '../kube/label-selector';
import type { ResourceName, ResourceTypes } from '../kube/types';
import type { AnyObject, ClusterView, ObjectOf, ResourceInfo } from './contract';

/** What the view reads: objects by resource, as the Cluster (or a test's fake) stores them. */
export interface ObjectSource {
  get<R extends ResourceName>(resource: R, namespace: string | undefined, name: string): ResourceTypes[R] | undefined;
  list<R extends ResourceName>(resource: R, namespace?: string): readonly ResourceTypes[R][];
}

export function clusterView(source: ObjectSource): ClusterView {
  return new SourceView(source);
}

class SourceView implements ClusterView {
  constructor(private readonly source: ObjectSource) {}

  get<R extends ResourceName>(resource: R, namespace: string | undefined, name: string): ObjectOf<R> | undefined;
  get(resource: string, namespace: string | undefined, name: string): AnyObject | undefined;
  get(resource: string, namespace: string | undefined, name: string): AnyObject | undefined {
    const info = resolveResource(resource);
    return info ? this.source.get(info.resource, info.namespaced ? namespace : undefined, name) : undefined;
  }

  list<R extends ResourceName>(resource: R, namespace?: string, selector?: string): readonly ObjectOf<R>[];
  list(resource: string, namespace?: string, selector?: string): readonly AnyObject[];
  list(resource: string, namespace?: string, selector?: string): readonly AnyObject[] {
    const info = resolveResource(resource);
    if (!info) return [];
    const objects: readonly AnyObject[] = this.source.list(info.resource, info.namespaced ? namespace : undefined);
    if (selector === undefined) return objects;
    const parsed = parseSelector(selector);
    if (!parsed.ok) throw new RangeError(`selector "${selector}": ${parsed.error}`);
    return objects.filter((o) => matchesSelector(o.metadata.labels, parsed.requirements));
  }

  resource(typed: string): ResourceInfo | undefined {
    return resolveResource(typed);
  }
}
