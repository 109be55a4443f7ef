// One manifest object applied as `kubectl apply` does it (client-side apply): find the kind, check
// the fields strictly, create the object if it is absent (recording the last-applied-configuration
// annotation), report `unchanged` when that annotation already says the same, and otherwise
// update it through the API server's rules (immutable fields, re-validation).

import type { Cluster } from '../../../cluster/cluster';
import { invalid, isApiError } from '../../../kube/api-errors';
import { apiErrorText, notModelledText } from './kubectl-errors';
import { KIND_FIELDS, unknownField } from './manifest-fields';
import type { ManifestObject } from './manifest-decode';
import { deploymentRequest, networkPolicyRequest, podRequest, serviceRequest, TypeMismatch } from './manifest-requests';
import { configMapRequest, secretRequest } from './manifest-config-requests';
import { ingressClassRequest, ingressRequest } from './manifest-ingress-requests';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Simulated = 'Namespace' | 'Pod' | 'Service' | 'Deployment' | 'NetworkPolicy' | 'ConfigMap' | 'Secret' | 'Ingress' | 'IngressClass';

/** apiVersion → kinds the simulated API server serves in it, with the name kubectl prints. */
const SERVED: Readonly<Record<string, Readonly<Record<string, { kind: Simulated; printed: string; resource: 'namespaces' | 'pods' | 'services' | 'deployments' | 'networkpolicies' | 'configmaps' | 'secrets' | 'ingresses' | 'ingressclasses' }>>>> = {
  v1: {
    Namespace: { kind: 'Namespace', printed: 'namespace', resource: 'namespaces' },
    Pod: { kind: 'Pod', printed: 'pod', resource: 'pods' },
    Service: { kind: 'Service', printed: 'service', resource: 'services' },
    ConfigMap: { kind: 'ConfigMap', printed: 'configmap', resource: 'configmaps' },
    Secret: { kind: 'Secret', printed: 'secret', resource: 'secrets' },
  },
  'apps/v1': { Deployment: { kind: 'Deployment', printed: 'deployment.apps', resource: 'deployments' } },
  'networking.k8s.io/v1': {
    NetworkPolicy: { kind: 'NetworkPolicy', printed: 'networkpolicy.networking.k8s.io', resource: 'networkpolicies' },
    Ingress: { kind: 'Ingress', printed: 'ingress.networking.k8s.io', resource: 'ingresses' },
    IngressClass: { kind: 'IngressClass', printed: 'ingressclass.networking.k8s.io', resource: 'ingressclasses' },
  },
};

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
  const served = SERVED[apiVersion]?.[kind];
  if (!served) {
    if (REAL_BUT_NOT_SIMULATED.has(kind)) return { ok: false, error: notModelledText(`applying a ${kind}`) };
    return { ok: false, error: `error: resource mapping not found for name: "${name}" namespace: "${typeof meta.namespace === 'string' ? meta.namespace : ''}" from "${m.source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first\n` };
  }
  const objectNamespace = typeof meta.namespace === 'string' ? meta.namespace : undefined;
  if (objectNamespace && explicitNamespace && objectNamespace !== namespace) {
    return { ok: false, error: `error: the namespace from the provided object "${objectNamespace}" does not match the namespace "${namespace}". You must pass '--namespace=${objectNamespace}' to perform this operation.\n` };
  }
  const ns = served.kind === 'Namespace' || served.kind === 'IngressClass' ? '' : (objectNamespace ?? namespace);
  if (!name) {
    return { ok: false, error: `error: error when retrieving current configuration of:\nResource: "${served.resource}", GroupVersionKind: "${apiVersion}, Kind=${kind}"\nName: "", Namespace: "${ns}"\nfrom server for: "${m.source}": resource name may not be empty\n` };
  }
  const existing = cluster.get(served.resource, ns || undefined, name);
  const verb = existing ? 'applying patch' : 'creating';
  const bad = unknownField(o, KIND_FIELDS[served.kind]);
  if (bad) return { ok: false, error: `Error from server (BadRequest): error when ${verb} "${m.source}": ${kind} in version "${apiVersion.split('/').pop()}" cannot be handled as a ${kind}: strict decoding error: unknown field "${bad}"\n` };

  const lastApplied = `${canonicalJson({ ...o, metadata: { ...meta, ...(ns ? { namespace: ns } : {}) } })}\n`;
  const withAnnotation = options.edit ? o : { ...o, metadata: { ...meta, annotations: { ...((meta.annotations as Record<string, string>) ?? {}), [LAST_APPLIED]: lastApplied } } };
  if (!options.edit && existing && existing.metadata.annotations?.[LAST_APPLIED] === lastApplied) return { ok: true, line: `${served.printed}/${name} unchanged\n` };
  try {
    write(cluster, served.kind, withAnnotation, ns, Boolean(existing));
  } catch (error) {
    if (error instanceof NotModelled) return { ok: false, error: notModelledText(error.message) };
    if (error instanceof TypeMismatch) return { ok: false, error: `Error from server (BadRequest): error when ${verb} "${m.source}": ${kind} in version "${apiVersion.split('/').pop()}" cannot be handled as a ${kind}: ${error.message}\n` };
    if (isApiError(error)) return { ok: false, error: error.reason === 'Invalid' ? apiErrorText(error) : `Error from server (${error.reason}): error when ${verb} "${m.source}": ${error.message}\n` };
    throw error;
  }
  return { ok: true, line: `${served.printed}/${name} ${options.edit ? (options.word ?? 'edited') : existing ? 'configured' : 'created'}\n` };
}

function write(cluster: Cluster, kind: Simulated, o: Record<string, unknown>, ns: string, exists: boolean): void {
  switch (kind) {
    case 'Namespace': {
      const meta = o.metadata as { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
      if (!exists) cluster.createNamespace(meta.name);
      const current = cluster.get('namespaces', undefined, meta.name)!;
      cluster.setMetadata('namespaces', undefined, meta.name, { ...current.metadata.labels, ...meta.labels }, meta.annotations);
      return;
    }
    case 'Pod': {
      const req = podRequest(o, ns);
      if (!exists) {
        cluster.createPod(req);
        return;
      }
      const pod = cluster.get('pods', ns, req.name)!;
      const images = (containers: { name: string; image: string }[]) => JSON.stringify(containers.map((c) => [c.name, c.image]));
      const specChanged = req.containers.length !== pod.spec.containers.length || req.containers.some((c, i) => c.name !== pod.spec.containers[i].name || JSON.stringify(c.command ?? null) !== JSON.stringify(pod.spec.containers[i].command ?? null));
      if (specChanged) throw podUpdateForbidden(req.name);
      if (images(req.containers) !== images(pod.spec.containers)) throw new NotModelled('changing the image of a running pod');
      cluster.setMetadata('pods', ns, req.name, req.labels, req.annotations);
      return;
    }
    case 'Service': {
      const req = serviceRequest(o, ns);
      if (exists) cluster.updateService(req);
      else cluster.createService(req);
      return;
    }
    case 'Deployment': {
      const req = deploymentRequest(o, ns);
      if (exists) cluster.updateDeployment(req);
      else cluster.createDeployment(req);
      return;
    }
    case 'NetworkPolicy':
      cluster.putNetworkPolicy(networkPolicyRequest(o, ns));
      return;
    case 'ConfigMap':
      cluster.putConfigMap(configMapRequest(o, ns));
      return;
    case 'Secret':
      cluster.putSecret(secretRequest(o, ns));
      return;
    case 'Ingress':
      cluster.putIngress(ingressRequest(o, ns));
      return;
    case 'IngressClass':
      cluster.putIngressClass(ingressClassRequest(o));
      return;
    default: {
      const never: never = kind;
      throw new Error(`unhandled kind ${String(never)}`);
    }
  }
}

/** ValidatePodUpdate's refusal (the real message goes on with a diff of the spec). */
function podUpdateForbidden(name: string) {
  const message = 'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';
  return invalid('Pod', name, [{ field: 'spec', message }]);
}

/** A change the real API server accepts but the simulator cannot carry out yet. */
class NotModelled extends Error {}

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
