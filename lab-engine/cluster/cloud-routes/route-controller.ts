// The route controller kube-controller-manager runs with --configure-cloud-routes (kubenet on a
// cloud): every --route-reconciliation-period (10 s) it lists the cloud's routes, creates one
// `<node's spec.podCIDR> → <node>` route for each node that has none, deletes the cluster's routes
// whose node is gone, and writes each node's NetworkUnavailable condition from the outcome.
// It can only write when the cloud lets it: a refused create leaves the node without a route, the
// condition True with NoRouteCreated, a Warning event FailedToCreateRoute on the node and the
// same line in the controller's log, and the next period tries again.
// Sources: kubernetes pkg/controller/route/route_controller.go (reconcile, updateNetworkingCondition:
// "RouteController created a route" / "RouteController failed to create a route", the
// "Could not create route %s %s for node %s after %v: %v" message, event reason
// FailedToCreateRoute), kube-controller-manager's --route-reconciliation-period default 10s.

import type { Condition, Node } from '../../kube/types';

/** --route-reconciliation-period's default. */
export const ROUTE_RECONCILIATION_PERIOD_MS = 10_000;

/** How long the refused CreateRoute call took, as the message's Go duration prints it (the model does not time API calls). */
export const CREATE_ROUTE_CALL = '212.48ms';

/** One route the cloud holds for the cluster: GCE names it `<cluster>-<node uid>` (the controller's name hint is the node's UID). */
export interface CloudRouteEntry {
  name: string;
  destRange: string;
  nextHopNode: string;
  nextHopIp: string;
}

/**
 * Whether the cloud accepts the controller's writes. `denied`: the identity kube-controller-manager
 * calls the cloud as lacks compute.routes.create in `project` (an IAM role removed, a service
 * account swapped), so every create comes back 403.
 */
export type CloudRouteAccess = { kind: 'allowed' } | { kind: 'denied'; project: string };

/**
 * The cloud's refusal as the GCE provider returns it (googleapi's Error() text; seen e.g. in
 * hashicorp/terraform#18873: "googleapi: Error 403: Required 'compute.networks.create' permission
 * for 'projects/<p>/global/networks/<n>', forbidden").
 */
export function routeCreateRefusal(project: string, routeName: string): string {
  return `googleapi: Error 403: Required 'compute.routes.create' permission for 'projects/${project}/global/routes/${routeName}', forbidden`;
}

/** What one pass of the controller decided. */
export interface RoutePass {
  routes: CloudRouteEntry[];
  /** Per node, the NetworkUnavailable condition it should now carry. */
  conditions: Record<string, Condition>;
  /** The controller's log lines and node events of this pass (a failed create is both). */
  failures: { node: string; message: string }[];
}

export const ROUTE_CREATED: Pick<Condition, 'status' | 'reason' | 'message'> = { status: 'False', reason: 'RouteCreated', message: 'RouteController created a route' };
export const NO_ROUTE_CREATED: Pick<Condition, 'status' | 'reason' | 'message'> = { status: 'True', reason: 'NoRouteCreated', message: 'RouteController failed to create a route' };

/** The route name GCE's provider gives a node's route: the cluster name, then the node's UID (the name hint). */
export function routeNameFor(clusterName: string, node: Node): string {
  return `${clusterName}-${node.metadata.uid ?? node.metadata.name}`;
}

/**
 * One reconcile at `at` (RFC 3339): the routes the cloud holds afterwards and every node's
 * condition.
 */
export function reconcileRoutes(clusterName: string, nodes: readonly Node[], routes: readonly CloudRouteEntry[], access: CloudRouteAccess, at: string): RoutePass {
  const byName = new Map(nodes.map((n) => [n.metadata.name, n]));
  // Routes to nodes that no longer exist go first (the controller deletes only its own, all of these are).
  const kept = access.kind === 'allowed' ? routes.filter((r) => byName.has(r.nextHopNode)) : [...routes];
  const conditions: Record<string, Condition> = {};
  const failures: RoutePass['failures'] = [];
  for (const node of nodes) {
    const cidr = node.spec.podCIDR;
    if (!cidr) continue; // no CIDR allocated yet: nothing to route, the condition is left alone
    const ip = node.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
    let has = kept.some((r) => r.nextHopNode === node.metadata.name && r.destRange === cidr);
    if (!has) {
      const name = routeNameFor(clusterName, node);
      if (access.kind === 'allowed') {
        kept.push({ name, destRange: cidr, nextHopNode: node.metadata.name, nextHopIp: ip });
        has = true;
      } else {
        failures.push({ node: node.metadata.name, message: `Could not create route ${node.metadata.uid ?? node.metadata.name} ${cidr} for node ${node.metadata.name} after ${CREATE_ROUTE_CALL}: ${routeCreateRefusal(access.project, name)}` });
      }
    }
    conditions[node.metadata.name] = networkingCondition(node, has ? ROUTE_CREATED : NO_ROUTE_CREATED, at);
  }
  return { routes: kept, conditions, failures };
}

/** The node's NetworkUnavailable condition after this pass: the transition time moves only when the status does. */
function networkingCondition(node: Node, want: Pick<Condition, 'status' | 'reason' | 'message'>, at: string): Condition {
  const old = node.status.conditions.find((c) => c.type === 'NetworkUnavailable');
  if (old && old.status === want.status && old.reason === want.reason) return old;
  return { type: 'NetworkUnavailable', ...want, lastTransitionTime: old?.status === want.status ? old.lastTransitionTime : at, lastHeartbeatTime: at };
}
