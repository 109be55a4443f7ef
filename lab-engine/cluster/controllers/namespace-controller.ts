// The namespace controller (kubernetes/kubernetes pkg/controller/namespace/deletion/
// namespaced_resources_deleter.go, status_condition_utils.go): a Terminating namespace is emptied
// — every namespaced object deleted, pods gracefully, so they keep terminating for their grace
// period on the clock — its five deletion conditions report what remains ("Some resources are
// remaining: pods. has 2 resource instances"), and once nothing is left the `kubernetes`
// finalizer is dropped and the namespace disappears.

import type { ApiObject, Condition, Namespace, ResourceName } from '../../kube/types';
import { RESOURCES } from '../resources';
import { rfc3339 } from '../time-format';
import type { Controller, ControllerHost } from './controller';

export const namespaceController: Controller = {
  name: 'namespace',
  watches: ['namespaces'],
  reconcile(host, at) {
    let changed = false;
    for (const ns of host.store.list('namespaces')) if (ns.status.phase === 'Terminating') changed = emptyNamespace(host, ns, at) || changed;
    return changed;
  },
};

/** status_condition_utils.go's okReasons and okMessages, in conditionTypes order. */
const OK: readonly [string, string, string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

function namespacedResources(host: ControllerHost): ResourceName[] {
  return host.store.resources().filter((r) => RESOURCES[r]?.namespaced);
}

function emptyNamespace(host: ControllerHost, ns: Namespace, at: number): boolean {
  const name = ns.metadata.name;
  let changed = false;
  for (const r of namespacedResources(host)) {
    for (const o of host.store.list(r, name) as ApiObject[]) {
      if (r === 'pods') {
        if (o.metadata.deletionTimestamp) continue;
        host.deletePod(o as never, at);
        changed = true;
      } else if (host.deleteObject) {
        host.deleteObject(r, name, o.metadata.name, at);
        changed = true;
      }
    }
  }
  // Events the kubelet records while pods stop are not content that holds the namespace.
  const remaining = new Map<string, number>();
  for (const r of namespacedResources(host)) {
    if (r === 'events') continue;
    const n = host.store.list(r, name).length;
    if (n > 0) remaining.set(`${r}.${RESOURCES[r].group}`, n);
  }
  if (remaining.size === 0) {
    for (const e of host.store.list('events', name)) host.deleteObject?.('events', name, e.metadata.name, at);
    host.deleteObject?.('namespaces', undefined, name, at);
    return true;
  }
  const message = `Some resources are remaining: ${[...remaining].map(([gr, n]) => `${gr} has ${n} resource instances`).sort().join(', ')}`;
  return setConditions(host, ns, message, at) || changed;
}

/** updateConditions: every type present, lastTransitionTime moving only when the status does. */
function setConditions(host: ControllerHost, ns: Namespace, remainingMessage: string, at: number): boolean {
  const conditions: Condition[] = structuredClone(ns.status.conditions ?? []);
  let changed = false;
  for (const [type, okReason, okMessage] of OK) {
    const failing = type === 'NamespaceContentRemaining';
    const next = { type, status: (failing ? 'True' : 'False') as Condition['status'], reason: failing ? 'SomeResourcesRemain' : okReason, message: failing ? remainingMessage : okMessage };
    const old = conditions.find((c) => c.type === type);
    if (!old) {
      conditions.push({ ...next, lastTransitionTime: rfc3339(at) });
      changed = true;
    } else if (old.status !== next.status || old.reason !== next.reason || old.message !== next.message) {
      Object.assign(old, next, old.status !== next.status ? { lastTransitionTime: rfc3339(at) } : {});
      changed = true;
    }
  }
  if (!changed) return false;
  ns.status.conditions = conditions;
  host.store.touch(ns);
  return true;
}
