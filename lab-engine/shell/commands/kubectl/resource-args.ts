// Resolving the TYPE a learner typed. Kinds a real cluster serves but Flatnet does not model
// yet get an honest answer instead of kubectl's "doesn't have a resource type", which would
// teach something false.

const REAL_BUT_NOT_MODELLED = new Set([
  'services', 'service', 'svc', 'deployments', 'deployment', 'deploy', 'replicasets', 'replicaset', 'rs',
  'endpoints', 'ep', 'endpointslices', 'endpointslice', 'ingresses', 'ingress', 'ing', 'networkpolicies',
  'networkpolicy', 'netpol', 'configmaps', 'configmap', 'cm', 'secrets', 'secret', 'daemonsets', 'daemonset',
  'ds', 'statefulsets', 'statefulset', 'sts', 'jobs', 'job', 'cronjobs', 'cronjob', 'cj', 'events', 'ev',
  'serviceaccounts', 'serviceaccount', 'sa', 'ingressclasses', 'ingressclass', 'all',
]);

export function resourceTypeError(typed: string): string {
  if (REAL_BUT_NOT_MODELLED.has(typed.toLowerCase())) {
    return `error: the simulated cluster does not serve "${typed}" yet (Flatnet models pods, nodes and namespaces so far)\n`;
  }
  return `error: the server doesn't have a resource type "${typed}"\n`;
}
