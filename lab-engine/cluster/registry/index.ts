// THE table of kinds the simulated API server serves: one line per kind, each pointing at its
// registry file (kind-registry.ts says what a file holds and how to add a kind). Discovery
// (cluster/resources.ts, `kubectl api-resources`), storage (object-store.ts) and the generic
// server (cluster/apiserver/) all read this table; the order is discovery's listing order.

import type { ResourceName } from '../../kube/types';
import { configMapRegistry } from './configmap';
import { daemonSetRegistry } from './daemonset';
import { deploymentRegistry } from './deployment';
import { endpointsRegistry } from './endpoints';
import { endpointSliceRegistry } from './endpointslice';
import { eventRegistry } from './event';
import { ingressRegistry } from './ingress';
import { ingressClassRegistry } from './ingressclass';
import { jobRegistry } from './job';
import { cronJobRegistry } from './cronjob';
import type { AnyKindRegistry, KindRegistry } from './kind-registry';
import { namespaceRegistry } from './namespace';
import { networkPolicyRegistry } from './networkpolicy';
import { nodeRegistry } from './node';
import { podRegistry } from './pod';
import { replicaSetRegistry } from './replicaset';
import { secretRegistry } from './secret';
import { serviceRegistry } from './service';
import { statefulSetRegistry } from './statefulset';
import { serviceAccountRegistry } from './serviceaccount';
import { roleRegistry } from './role';
import { clusterRoleRegistry } from './clusterrole';
import { roleBindingRegistry } from './rolebinding';
import { clusterRoleBindingRegistry } from './clusterrolebinding';
import { customResourceDefinitionRegistry } from './customresourcedefinition';
import { gatewayClassRegistry } from './gatewayclass';
import { gatewayRegistry } from './gateway';
import { httpRouteRegistry } from './httproute';
import { referenceGrantRegistry } from './referencegrant';
import { felixConfigurationRegistry } from './felixconfiguration';

export const REGISTRY = {
  namespaces: namespaceRegistry,
  nodes: nodeRegistry,
  pods: podRegistry,
  deployments: deploymentRegistry,
  replicasets: replicaSetRegistry,
  services: serviceRegistry,
  endpoints: endpointsRegistry,
  endpointslices: endpointSliceRegistry,
  networkpolicies: networkPolicyRegistry,
  configmaps: configMapRegistry,
  secrets: secretRegistry,
  ingresses: ingressRegistry,
  ingressclasses: ingressClassRegistry,
  events: eventRegistry,
  daemonsets: daemonSetRegistry,
  statefulsets: statefulSetRegistry,
  jobs: jobRegistry,
  cronjobs: cronJobRegistry,
  serviceaccounts: serviceAccountRegistry,
  roles: roleRegistry,
  clusterroles: clusterRoleRegistry,
  rolebindings: roleBindingRegistry,
  clusterrolebindings: clusterRoleBindingRegistry,
  customresourcedefinitions: customResourceDefinitionRegistry,
  // Served only while their CustomResourceDefinitions are installed (crd-served.ts).
  gatewayclasses: gatewayClassRegistry,
  gateways: gatewayRegistry,
  httproutes: httpRouteRegistry,
  referencegrants: referenceGrantRegistry,
  felixconfigurations: felixConfigurationRegistry,
  // Every resource of kube/types' ResourceTypes must have its entry, each checked against its type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
} satisfies { [R in ResourceName]: KindRegistry<R, any> };

/** Resources with a registry entry: what the server serves. */
export type ServedResource = keyof typeof REGISTRY;

/** The request a kind's create and update take (what its decode returns). */
export type RequestOf<R extends ResourceName> = R extends ServedResource ? ((typeof REGISTRY)[R] extends KindRegistry<R, infer Q> ? Q : never) : never;

export function registryOf(resource: ResourceName): AnyKindRegistry {
  return REGISTRY[resource] as AnyKindRegistry;
}

/** Every kind, in discovery order. */
export const KINDS: readonly AnyKindRegistry[] = Object.values(REGISTRY) as AnyKindRegistry[];

export type { AnyKindRegistry, KindRegistry, ResourceInfo, RegistryContext, TableColumn } from './kind-registry';
