// One manifest object applied as `kubectl apply` does it (client-side apply): find the kind, check
// the fields strictly, create the object if it is absent (recording the last-applied-configuration
// annotation), report `unchanged` when that annotation already says the same, and otherwise
// update it through the API server's rules (immutable fields, re-validation).

import type { Cluster } from '../../../cluster/cluster';
import { isApiError } from '../../../kube/api-errors';
import { NotModelled } from '../../../cluster/apiserver/api-server';
import { KINDS } from '../../../cluster/registry/index';
import { isServed } from '../../../cluster/crd-served';
import type { ResourceInfo } from '../../../cluster/resources';
import { qualifiedSingular } from '../../../cluster/resources';
import { apiErrorText, notModelledText } from './kubectl-errors';
import type { ManifestObject } from './manifest-decode';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The kind the server serves under this apiVersion, from the registry table. */
function servedKind(cluster: Cluster, apiVersion: string, kind: string): ResourceInfo | undefined {
  const info = KINDS.find((k) => (k.info.apiVersion === apiVersion || k.info.alsoServedAs?.includes(apiVersion)) && k.info.kind === kind)?.info;
  return info && isServed(info, cluster, apiVersion) ? info : undefined;
}

/** Real Kubernetes kinds Flatnet does not simulate yet: an honest "not available" rather than a fake success. */
const REAL_BUT_NOT_SIMULATED = new Set([ 'IngressClass', 'ServiceAccount', 'Job', 'CronJob', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'Endpoints', 'EndpointSlice', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolumeClaim', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ResourceQuota', 'LimitRange']);

export type ApplyOutcome = { ok: true; line: string } | { ok: false; error: string };

export interface ApplyOptions {
  /** `kubectl edit` sends the object as edited: no last-applied annotation, and it reports `edited`. */
  edit?: boolean;
  /** What the success line says instead of `edited` (`kubectl patch` reports `patched`). */
  word?: string;
}

export function applyManifest(cluster: Cluster, m: ManifestObject, namespace: string, explicitNamespace: boolean, options: ApplyOptions = {}): ApplyOutcome {
  const o = m.object;
  const apiVersion = String(o.apiVersion);
  const kind = String(o.kind);
  const meta = (o.metadata && typeof o.metadata === 'object' ? o.metadata : {}) as Record<string, unknown>;
  const name = typeof meta.name === 'string' ? meta.name : '';
  const served = servedKind(cluster, apiVersion, kind);
  if (!served || !KINDS.find((k) => k.info === served)?.decode) {
    if (REAL_BUT_NOT_SIMULATED.has(kind)) return { ok: false, error: notModelledText(`applying a ${kind}`) };
    return { ok: false, error: `error: resource mapping not found for name: "${name}" namespace: "${typeof meta.namespace === 'string' ? meta.namespace : ''}" from "${m.source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first\n` };
  }
  const objectNamespace = typeof meta.namespace === 'string' ? meta.namespace : undefined;
  if (objectNamespace && explicitNamespace && objectNamespace !== namespace) {
    return { ok: false, error: `error: the namespace from the provided object "${objectNamespace}" does not match the namespace "${namespace}". You must pass '--namespace=${objectNamespace}' to perform this operation.\n` };
  }
  const ns = served.namespaced ? (objectNamespace ?? namespace) : '';
  if (!name) {
    return { ok: false, error: `error: error when retrieving current configuration of:\nResource: "${served.resource}", GroupVersionKind: "${apiVersion}, Kind=${kind}"\nName: "", Namespace: "${ns}"\nfrom server for: "${m.source}": resource name may not be empty\n` };
  }
  const existing = cluster.get(served.resource, ns || undefined, name);
  const verb = existing ? 'applying patch' : 'creating';
  const printed = qualifiedSingular(served);

  const lastApplied = `${canonicalJson({ ...o, metadata: { ...meta, ...(ns ? { namespace: ns } : {}) } })}\n`;
  const withAnnotation = options.edit ? o : { ...o, metadata: { ...meta, annotations: { ...((meta.annotations as Record<string, string>) ?? {}), [LAST_APPLIED]: lastApplied } } };
  if (!options.edit && existing && existing.metadata.annotations?.[LAST_APPLIED] === lastApplied) return { ok: true, line: `${printed}/${name} unchanged\n` };
  try {
    // Client-side apply: a create when the object is absent, else an update the server validates.
    const req = cluster.api.decode(served.resource, withAnnotation, ns);
    if (existing) cluster.api.update(served.resource, req);
    else cluster.api.create(served.resource, req);
  } catch (error) {
    if (error instanceof NotModelled) return { ok: false, error: notModelledText(error.what) };
    if (isApiError(error)) return { ok: false, error: error.reason === 'Invalid' ? apiErrorText(error) : `Error from server (${error.reason}): error when ${verb} "${m.source}": ${error.message}\n` };
    throw error;
  }
  return { ok: true, line: `${printed}/${name} ${options.edit ? (options.word ?? 'edited') : existing ? 'configured' : 'created'}\n` };
}

/** JSON with keys sorted at every level, as Go's encoding/json writes a map: kubectl's annotation. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
