// Identity and authorization kinds: core/v1 ServiceAccount and rbac.authorization.k8s.io/v1
// Role, ClusterRole, RoleBinding, ClusterRoleBinding, in k8s.io/api's shapes (omitempty fields
// optional). `kubectl auth can-i` evaluates them as the RBAC authorizer does.

import type { LabelSelector, ObjectMeta } from './meta';

export interface ServiceAccount {
  apiVersion: 'v1';
  kind: 'ServiceAccount';
  metadata: ObjectMeta;
  secrets?: { name: string }[];
  imagePullSecrets?: { name: string }[];
  automountServiceAccountToken?: boolean;
}

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Role {
  apiVersion: 'rbac.authorization.k8s.io/v1';
  kind: 'Role';
  metadata: ObjectMeta;
  rules?: PolicyRule[];
}

export interface ClusterRole {
  apiVersion: 'rbac.authorization.k8s.io/v1';
  kind: 'ClusterRole';
  metadata: ObjectMeta;
  aggregationRule?: { clusterRoleSelectors?: LabelSelector[] };
  rules?: PolicyRule[];
}

export interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

export interface RoleBinding {
  apiVersion: 'rbac.authorization.k8s.io/v1';
  kind: 'RoleBinding';
  metadata: ObjectMeta;
  roleRef: RoleRef;
  subjects?: Subject[];
}

export interface ClusterRoleBinding {
  apiVersion: 'rbac.authorization.k8s.io/v1';
  kind: 'ClusterRoleBinding';
  metadata: ObjectMeta;
  roleRef: RoleRef;
  subjects?: Subject[];
}

// Registers these kinds' resources (see resource-types.ts).
declare module './resource-types' {
  interface ResourceTypes {
    serviceaccounts: ServiceAccount;
    roles: Role;
    clusterroles: ClusterRole;
    rolebindings: RoleBinding;
    clusterrolebindings: ClusterRoleBinding;
  }
}
