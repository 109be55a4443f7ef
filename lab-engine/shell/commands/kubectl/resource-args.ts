// Resolving the TYPE a learner typed. Kinds a real cluster serves but Flatnet does not model
// yet get an honest answer instead of kubectl's "doesn't have a resource type", which would
// teach something false.

import { resolveResource, resolveServedResource, type ResourceInfo } from '../../../cluster/resources';
import type { CrdReader } from '../../../cluster/crd-served';

const REAL_BUT_NOT_MODELLED = new Set([
  'services', 'service', 'svc', 'deployments', 'deployment', 'deploy', 'replicasets', 'replicaset', 'rs',
  'endpoints', 'ep', 'endpointslices', 'endpointslice', 'ingresses', 'ingress', 'ing', 'networkpolicies',
  'networkpolicy', 'netpol', 'configmaps', 'configmap', 'cm', 'secrets', 'secret', 'daemonsets', 'daemonset',
  'ds', 'statefulsets', 'statefulset', 'sts', 'jobs', 'job', 'cronjobs', 'cronjob', 'cj', 'events', 'ev',
  'serviceaccounts', 'serviceaccount', 'sa', 'ingressclasses', 'ingressclass', 'all',
  'persistentvolumeclaims', 'persistentvolumeclaim', 'pvc', 'persistentvolumes', 'persistentvolume', 'pv', 'storageclasses', 'storageclass', 'sc',
  'customresourcedefinitions', 'customresourcedefinition', 'crd', 'crds', 'horizontalpodautoscalers', 'horizontalpodautoscaler', 'hpa',
  'poddisruptionbudgets', 'poddisruptionbudget', 'pdb', 'resourcequotas', 'resourcequota', 'quota', 'limitranges', 'limitrange', 'limits',
  'priorityclasses', 'priorityclass', 'pc', 'leases', 'lease',
]);

export function resourceTypeError(typed: string): string {
  if (REAL_BUT_NOT_MODELLED.has(typed.toLowerCase())) {
    return `error: the simulated cluster does not serve "${typed}" yet (Flatnet serves what kubectl api-resources lists)\n`;
  }
  return `error: the server doesn't have a resource type "${typed}"\n`;
}

/** `TYPE NAME...` or `TYPE/NAME...`, resolved; errors are kubectl's texts, ready for stderr. */
export function parseTargets(positionals: readonly string[], crds?: CrdReader): { ok: true; targets: { info: ResourceInfo; name: string | undefined }[] } | { ok: false; error: string } {
  const targets: { info: ResourceInfo; name: string | undefined }[] = [];
  if (positionals.length === 0) return { ok: true, targets };
  if (positionals[0].includes('/')) {
    for (const p of positionals) {
      if (!p.includes('/')) {
        return { ok: false, error: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n` };
      }
      const [type, name] = p.split('/', 2);
      const info = resolveIn(type, crds);
      if (!info) return { ok: false, error: resourceTypeError(type) };
      targets.push({ info, name });
    }
    return { ok: true, targets };
  }
  const info = resolveIn(positionals[0], crds);
  if (!info) return { ok: false, error: resourceTypeError(positionals[0]) };
  if (positionals.length === 1) targets.push({ info, name: undefined });
  for (const name of positionals.slice(1)) targets.push({ info, name });
  return { ok: true, targets };
}

/** With the cluster's CRDs at hand, a custom kind resolves only while its CRD is installed. */
function resolveIn(typed: string, crds: CrdReader | undefined): ResourceInfo | undefined {
  return crds ? resolveServedResource(typed, crds) : resolveResource(typed);
}
