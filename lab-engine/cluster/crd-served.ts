// Which resources the API server serves right now: every built-in kind, and a kind a
// CustomResourceDefinition defines (its registry names the CRD in `info.definedBy`) only while
// that CRD is stored with the kind's version served. Before `kubectl apply -f` of the Gateway
// API's standard-install.yaml, `kubectl get gateways` answers as a real cluster does: the server
// doesn't have a resource type "gateways".

import type { ResourceInfo } from './registry/kind-registry';
import type { CustomResourceDefinition } from '../kube/types';

/** The read access discovery needs: the stored CRDs. */
export interface CrdReader {
  get(resource: 'customresourcedefinitions', namespace: undefined, name: string): CustomResourceDefinition | undefined;
}

/** `apiVersion`: the version a manifest asks for (default: the one Flatnet stores). */
export function isServed(info: ResourceInfo, crds: CrdReader, apiVersion = info.apiVersion): boolean {
  if (!info.definedBy) return true;
  const crd = crds.get('customresourcedefinitions', undefined, info.definedBy);
  if (!crd) return false;
  const version = apiVersion.split('/').pop();
  return crd.spec.versions.some((v) => v.name === version && v.served);
}
