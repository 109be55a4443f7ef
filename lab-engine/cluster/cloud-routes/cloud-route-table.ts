// The cloud's VPC route table a kubenet cluster relies on, and the route controller that keeps it
// (route-controller.ts) run on the cluster's clock: one pass per --route-reconciliation-period,
// writing each node's NetworkUnavailable condition and, for a refused create, a Warning event
// FailedToCreateRoute from `route_controller` on the node. The table is cloud state, not an API
// object: kubectl cannot see or edit it, only its traces on the nodes.

import type { EventRecorder } from '../event-recorder';
import type { ObjectStore } from '../object-store';
import { type CloudRouteAccess, type CloudRouteEntry, reconcileRoutes, ROUTE_RECONCILIATION_PERIOD_MS } from './route-controller';
import { rfc3339 } from '../time-format';

/** What a snapshot keeps of the cloud's side. */
export interface CloudRouteState {
  /** kube-controller-manager's --cluster-name, the prefix of every route it names. */
  clusterName: string;
  /** The GCP project, VPC network and zone the cluster's VMs live in. */
  project: string;
  network: string;
  zone: string;
  /** The service account kube-controller-manager calls the cloud as (the control-plane VM's). */
  controllerAccount: string;
  /** The project's IAM policy: role → members (`serviceAccount:<email>`). */
  bindings: Record<string, string[]>;
  routes: CloudRouteEntry[];
  /** When the controller's last pass ran; undefined before the first. */
  lastPassAt?: number;
  /** Grows with every change to `routes`: the cluster's generation adds it, so the dataplane is rebuilt. */
  changes?: number;
}

/**
 * Predefined roles that include compute.routes.create (and .delete): Compute Network Admin,
 * Compute Admin, and the basic Editor and Owner roles. roles/compute.networkViewer does not.
 */
export const ROUTE_WRITER_ROLES = ['roles/compute.networkAdmin', 'roles/compute.admin', 'roles/editor', 'roles/owner'];

/** Passes replayed after a long jump of the clock: an hour's worth, the API server's event TTL. */
const MAX_CATCH_UP_PASSES = 360;

/** kube-controller-manager's event source for the route controller. */
const ROUTE_CONTROLLER = { component: 'route_controller' };

export class CloudRouteTable {
  constructor(readonly state: CloudRouteState) {}

  routes(): readonly CloudRouteEntry[] {
    return this.state.routes;
  }

  /** Whether kube-controller-manager's account holds a role that may create routes. */
  access(): CloudRouteAccess {
    const member = `serviceAccount:${this.state.controllerAccount}`;
    const granted = ROUTE_WRITER_ROLES.some((role) => this.state.bindings[role]?.includes(member));
    return granted ? { kind: 'allowed' } : { kind: 'denied', project: this.state.project };
  }

  /** `gcloud projects add-iam-policy-binding`: false if the member already had the role. */
  addBinding(role: string, member: string): boolean {
    const members = (this.state.bindings[role] ??= []);
    if (members.includes(member)) return false;
    members.push(member);
    members.sort();
    return true;
  }

  /** `gcloud projects remove-iam-policy-binding`: false if the member did not have the role. */
  removeBinding(role: string, member: string): boolean {
    const members = this.state.bindings[role];
    if (!members?.includes(member)) return false;
    this.state.bindings[role] = members.filter((m) => m !== member);
    if (this.state.bindings[role].length === 0) delete this.state.bindings[role];
    return true;
  }

  /** A route removed in the cloud (by hand, by a cleanup script): the next pass re-creates it if it may. */
  deleteRoute(name: string): boolean {
    const before = this.state.routes.length;
    this.state.routes = this.state.routes.filter((r) => r.name !== name);
    if (this.state.routes.length === before) return false;
    this.state.changes = (this.state.changes ?? 0) + 1;
    return true;
  }

  /**
   * Runs the controller's passes due by `at`: one per period since its last pass (so a long
   * sleep leaves one FailedToCreateRoute per period, as the real loop does), at most
   * MAX_CATCH_UP_PASSES, the last at `at` itself. True if a node changed.
   */
  tick(store: ObjectStore, events: EventRecorder | undefined, at: number): boolean {
    const last = this.state.lastPassAt;
    if (last !== undefined && at < last + ROUTE_RECONCILIATION_PERIOD_MS) return false;
    const due = last === undefined ? [at] : passInstants(last, at);
    let changed = false;
    for (const instant of due) changed = this.pass(store, events, instant) || changed;
    return changed;
  }

  private pass(store: ObjectStore, events: EventRecorder | undefined, at: number): boolean {
    this.state.lastPassAt = at;
    const nodes = store.list('nodes');
    const pass = reconcileRoutes(this.state.clusterName, nodes, this.state.routes, this.access(), rfc3339(at));
    let changed = !sameRoutes(this.state.routes, pass.routes);
    if (changed) this.state.changes = (this.state.changes ?? 0) + 1;
    this.state.routes = pass.routes;
    for (const node of nodes) {
      const want = pass.conditions[node.metadata.name];
      if (!want) continue;
      const i = node.status.conditions.findIndex((c) => c.type === 'NetworkUnavailable');
      if (i >= 0 && node.status.conditions[i] === want) continue;
      if (i >= 0) node.status.conditions[i] = want;
      else node.status.conditions.unshift(want);
      store.touch(node);
      changed = true;
    }
    for (const f of pass.failures) {
      const node = nodes.find((n) => n.metadata.name === f.node);
      if (node) events?.record(at, node, 'Warning', 'FailedToCreateRoute', f.message, ROUTE_CONTROLLER);
    }
    return changed;
  }
}

/** A pass every period after `last`, up to `at`; past the cap only the latest ones (older events would have expired anyway). */
function passInstants(last: number, at: number): number[] {
  const out: number[] = [];
  for (let t = last + ROUTE_RECONCILIATION_PERIOD_MS; t <= at; t += ROUTE_RECONCILIATION_PERIOD_MS) out.push(t);
  return out.slice(-MAX_CATCH_UP_PASSES);
}

function sameRoutes(a: readonly CloudRouteEntry[], b: readonly CloudRouteEntry[]): boolean {
  return a.length === b.length && a.every((r, i) => r.name === b[i].name && r.destRange === b[i].destRange && r.nextHopIp === b[i].nextHopIp);
}
