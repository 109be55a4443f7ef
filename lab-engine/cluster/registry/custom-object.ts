// What the kinds a CustomResourceDefinition defines share in the simulated server: metadata as the
// generic CRD handler stores it (generation 1 on create, bumped when the spec changes, as the
// status subresource makes it), the spec replaced whole on update, the status left to the
// controller, and printer-column cells read the way the CRD's jsonPaths read them (a missing
// value is an empty cell).

import { invalid, type StatusCause } from '../../kube/api-errors';
import type { ObjectMeta } from '../../kube/types';
import { rfc3339 } from '../time-format';
import type { ObjectMetaRequest } from './decode';
import type { RegistryContext } from './kind-registry';
import { setLabelsAndAnnotations } from './metadata-update';

export function customMeta(req: ObjectMetaRequest, ctx: RegistryContext, namespaced: boolean): ObjectMeta & { generation: number } {
  return {
    name: req.name,
    ...(namespaced ? { namespace: req.namespace } : {}),
    uid: ctx.newUid(),
    resourceVersion: '',
    generation: 1,
    creationTimestamp: rfc3339(ctx.now),
    ...(req.labels && Object.keys(req.labels).length ? { labels: { ...req.labels } } : {}),
    ...(req.annotations && Object.keys(req.annotations).length ? { annotations: { ...req.annotations } } : {}),
  };
}

/** Refuses the request with the CRD's validation causes, as `The HTTPRoute "x" is invalid: ...`. */
export function refuseInvalid(kind: string, group: string, name: string, causes: StatusCause[]): void {
  if (causes.length) throw invalid(kind, name, causes, group);
}

/** An update: the spec replaced whole, a new generation when it changed, labels and annotations as sent. */
export function updateSpec<S>(old: { metadata: ObjectMeta & { generation?: number }; spec: S }, req: ObjectMetaRequest & { spec: S }): void {
  if (JSON.stringify(old.spec) !== JSON.stringify(req.spec)) old.metadata.generation = (old.metadata.generation ?? 1) + 1;
  old.spec = req.spec;
  setLabelsAndAnnotations(old.metadata, req.labels, req.annotations);
}

/** A condition's status by type, as `.status.conditions[?(@.type=="X")].status` prints it ('' when absent). */
export function conditionCell(conditions: readonly { type: string; status: string }[] | undefined, type: string): string {
  return conditions?.find((c) => c.type === type)?.status ?? '';
}
