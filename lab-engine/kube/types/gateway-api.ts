// gateway.networking.k8s.io/v1 (Gateway API, standard channel v1.3): GatewayClass, Gateway,
// HTTPRoute and ReferenceGrant, in the shapes of sigs.k8s.io/gateway-api/apis/v1 (omitempty
// fields optional). The API server serves them only once their CustomResourceDefinitions are
// installed (cluster/crd-served.ts); their status is written by the lab's gateway controller
// (cluster/gateway-api/).

import type { LabelSelector, ObjectMeta } from './meta';

/** metav1.Condition: unlike the core Condition it carries observedGeneration. */
export interface GatewayCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  observedGeneration: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

type GatewayMeta = ObjectMeta & { generation: number };

export interface GatewayClass {
  apiVersion: 'gateway.networking.k8s.io/v1';
  kind: 'GatewayClass';
  metadata: GatewayMeta;
  spec: { controllerName: string; description?: string };
  status: { conditions: GatewayCondition[] };
}

export type RouteNamespacesFrom = 'All' | 'Same' | 'Selector';

export interface Listener {
  name: string;
  hostname?: string;
  port: number;
  protocol: string;
  allowedRoutes: { namespaces: { from: RouteNamespacesFrom; selector?: LabelSelector }; kinds?: { group?: string; kind: string }[] };
}

export interface ListenerStatus {
  name: string;
  supportedKinds: { group: string; kind: string }[];
  attachedRoutes: number;
  conditions: GatewayCondition[];
}

export interface Gateway {
  apiVersion: 'gateway.networking.k8s.io/v1';
  kind: 'Gateway';
  metadata: GatewayMeta;
  spec: { gatewayClassName: string; listeners: Listener[] };
  status: { addresses?: { type: 'IPAddress'; value: string }[]; conditions: GatewayCondition[]; listeners?: ListenerStatus[] };
}

export interface ParentReference {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
  sectionName?: string;
  port?: number;
}

export interface HTTPPathMatch {
  type: 'Exact' | 'PathPrefix' | 'RegularExpression';
  value: string;
}

export interface HTTPHeaderMatch {
  type: 'Exact' | 'RegularExpression';
  name: string;
  value: string;
}

export interface HTTPRouteMatch {
  path?: HTTPPathMatch;
  headers?: HTTPHeaderMatch[];
  queryParams?: HTTPHeaderMatch[];
  method?: string;
}

export interface HTTPBackendRef {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
  port?: number;
  weight: number;
}

export interface HTTPRouteRule {
  name?: string;
  matches: HTTPRouteMatch[];
  backendRefs?: HTTPBackendRef[];
}

export interface RouteParentStatus {
  parentRef: ParentReference;
  controllerName: string;
  conditions: GatewayCondition[];
}

export interface HTTPRoute {
  apiVersion: 'gateway.networking.k8s.io/v1';
  kind: 'HTTPRoute';
  metadata: GatewayMeta;
  spec: { parentRefs?: ParentReference[]; hostnames?: string[]; rules: HTTPRouteRule[] };
  status: { parents: RouteParentStatus[] };
}

export interface ReferenceGrant {
  apiVersion: 'gateway.networking.k8s.io/v1beta1';
  kind: 'ReferenceGrant';
  metadata: ObjectMeta;
  spec: { from: { group: string; kind: string; namespace: string }[]; to: { group: string; kind: string; name?: string }[] };
}

declare module './resource-types' {
  interface ResourceTypes {
    gatewayclasses: GatewayClass;
    gateways: Gateway;
    httproutes: HTTPRoute;
    referencegrants: ReferenceGrant;
  }
}
