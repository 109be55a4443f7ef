// The RBAC objects a kubeadm cluster has from its first minute: the API server's bootstrap policy
// (plugin/pkg/auth/authorizer/rbac/bootstrappolicy: cluster-admin, the aggregated admin / edit /
// view roles, system:basic-user, system:discovery, system:public-info-viewer,
// system:node-proxier) and what kubeadm adds (cmd/kubeadm/app/phases: the
// `kubeadm:cluster-admins` binding its admin.conf user belongs to since v1.29, kube-proxy's and
// CoreDNS's bindings). admin, edit and view list an abridged set of the rules their aggregated
// roles collect (the core, apps, batch, networking and rbac resources Flatnet serves and a few
// more). UIDs are derived from the names, not drawn from the seeded PRNG, so every other seeded
// identity stayed as it was.

import type { ClusterRole, ClusterRoleBinding, PolicyRule, Subject } from '../../kube/types';
import type { ObjectStore } from '../object-store';
import { rfc3339 } from '../time-format';

const RBAC = 'rbac.authorization.k8s.io';
const DEFAULTS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];

const VIEW_RULES: PolicyRule[] = [
  { apiGroups: [''], resources: ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'], verbs: READ },
  { apiGroups: [''], resources: ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'], verbs: READ },
  { apiGroups: [''], resources: ['namespaces'], verbs: READ },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
  { apiGroups: ['apps'], resources: ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'], verbs: READ },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], verbs: READ },
  { apiGroups: ['batch'], resources: ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], verbs: READ },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'ingresses/status', 'networkpolicies'], verbs: READ },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets', 'poddisruptionbudgets/status'], verbs: READ },
];

const EDIT_RULES: PolicyRule[] = [
  { apiGroups: [''], resources: ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], verbs: READ },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] },
  { apiGroups: [''], resources: ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], verbs: ['create', 'delete', 'deletecollection', 'patch', 'update'] },
  { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
  { apiGroups: [''], resources: ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], verbs: WRITE },
  { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
  { apiGroups: ['apps'], resources: ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], verbs: WRITE },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: WRITE },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: WRITE },
  ...VIEW_RULES,
];

const ADMIN_RULES: PolicyRule[] = [
  { apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create'] },
  { apiGroups: [RBAC], resources: ['rolebindings', 'roles'], verbs: [...WRITE, ...READ] },
  ...EDIT_RULES,
];

const aggregate = (name: string) => ({ clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${name}`]: 'true' } }] });

function clusterRoles(): (Omit<ClusterRole, 'metadata'> & { name: string })[] {
  const role = (name: string, rules: PolicyRule[], extra: Partial<ClusterRole> = {}) => ({ apiVersion: `${RBAC}/v1` as const, kind: 'ClusterRole' as const, name, ...extra, rules });
  return [
    role('cluster-admin', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }]),
    role('admin', ADMIN_RULES, { aggregationRule: aggregate('admin') }),
    role('edit', EDIT_RULES, { aggregationRule: aggregate('edit') }),
    role('view', VIEW_RULES, { aggregationRule: aggregate('view') }),
    role('system:basic-user', [
      { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
    ]),
    role('system:discovery', [{ nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] }]),
    role('system:public-info-viewer', [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }]),
    role('system:node-proxier', [
      { apiGroups: [''], resources: ['endpoints', 'services'], verbs: ['list', 'watch'] },
      { apiGroups: [''], resources: ['nodes'], verbs: READ },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
      { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
    ]),
    role('system:coredns', [
      { apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] },
      { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
    ]),
  ];
}

const group = (name: string): Subject => ({ kind: 'Group', apiGroup: RBAC, name });
const sa = (namespace: string, name: string): Subject => ({ kind: 'ServiceAccount', name, namespace });

const BINDINGS: [name: string, role: string, subjects: Subject[], kubeadm: boolean][] = [
  ['cluster-admin', 'cluster-admin', [group('system:masters')], false],
  ['kubeadm:cluster-admins', 'cluster-admin', [group('kubeadm:cluster-admins')], true],
  ['system:basic-user', 'system:basic-user', [group('system:authenticated')], false],
  ['system:discovery', 'system:discovery', [group('system:authenticated')], false],
  ['system:public-info-viewer', 'system:public-info-viewer', [group('system:authenticated'), group('system:unauthenticated')], false],
  ['kubeadm:node-proxier', 'system:node-proxier', [sa('kube-system', 'kube-proxy')], true],
  ['system:coredns', 'system:coredns', [sa('kube-system', 'coredns')], true],
];

/** A uid in the v4 shape, from the object's name (FNV-1a), so it is stable and draws nothing from the PRNG. */
function nameUid(key: string): string {
  let hex = '';
  for (let round = 0; hex.length < 32; round++) {
    let h = 0x811c9dc5 ^ round;
    for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Stores the bootstrap ClusterRoles and ClusterRoleBindings as the API server and kubeadm created them at `at`. */
export function addBootstrapPolicy(store: ObjectStore, at: number): void {
  const createdAt = rfc3339(at);
  for (const { name, ...rest } of clusterRoles()) {
    const kubeadm = name === 'system:coredns';
    const metadata = { name, uid: nameUid(`clusterrole/${name}`), resourceVersion: '', creationTimestamp: createdAt, ...(kubeadm ? {} : { labels: { ...DEFAULTS }, annotations: { ...AUTOUPDATE } }) };
    store.create('clusterroles', { ...rest, metadata } as ClusterRole);
  }
  for (const [name, role, subjects, kubeadm] of BINDINGS) {
    const metadata = { name, uid: nameUid(`clusterrolebinding/${name}`), resourceVersion: '', creationTimestamp: createdAt, ...(kubeadm ? {} : { labels: { ...DEFAULTS }, annotations: { ...AUTOUPDATE } }) };
    const binding: ClusterRoleBinding = { apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role }, subjects };
    store.create('clusterrolebindings', binding);
  }
}
