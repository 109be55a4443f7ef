// A Namespace's end (kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/admission/plugin/
// namespace/lifecycle/admission.go, pkg/registry/core/namespace/storage): DELETE is refused for
// the immortal namespaces; otherwise it stamps deletionTimestamp and the phase Terminating and
// keeps the object while its `kubernetes` finalizer stands. The namespace controller
// (controllers/namespace-controller.ts) empties it and removes it. Meanwhile the
// NamespaceLifecycle admission refuses new content (api-server.ts checkNamespace).

import { forbidden } from '../kube/api-errors';
import type { Namespace } from '../kube/types';
import { rfc3339 } from './time-format';

/** admission.go's immortalNamespaces: default, kube-system, kube-public. */
const IMMORTAL: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

export function refuseImmortalNamespace(name: string): void {
  if (IMMORTAL.has(name)) throw forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
}

/** The registry's delete: true when the namespace changed (a second DELETE of a Terminating one changes nothing). */
export function beginTermination(ns: Namespace, at: number): boolean {
  if (ns.metadata.deletionTimestamp) return false;
  ns.metadata.deletionTimestamp = rfc3339(at);
  ns.status.phase = 'Terminating';
  return true;
}
