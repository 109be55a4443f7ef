// What a reachability check tells a learner about the packet it sent, as catalogue parameters:
// what stopped it (a NetworkPolicy, a Service without ready endpoints, a port nothing listens
// on...) or what let it through, read by the grader from the walk's typed hop decisions
// (checks/reachability-explain.ts), and the words for each. Plain JSON: these are stored with the
// check result and rendered again whenever it is shown.

import type { DeniedBy } from './schema';

// Type aliases, not interfaces, so feedback params stay assignable to Record<string, unknown>.

/** The hop of the walk that decided, as the check result's trace numbers it. */
export type HopRef = { index: number; netns: string; kind: string };

/** What stopped the packet. */
export type Blocker =
  | {
      kind: 'policy';
      direction: 'ingress' | 'egress';
      /** The pod whose policies judged it: `name` in `namespace`. */
      namespace: string;
      pod: string;
      /** The NetworkPolicies (in `namespace`) that select the pod for this direction. */
      policies: string[];
      protocol: string;
      port: number;
      /** The other end: `pod ns/name`, or an address. */
      peer: string;
      /** A rule that nearly allowed it: `ingress[0]` of `policy`, which matched everything but the port or the peer. */
      nearMiss?: { policy: string; rule: string; missed: 'port' | 'peer' };
    }
  /** kube-proxy REJECTs: the Service has no ready endpoint (iptables REJECT rule, or an IPVS virtual server without real servers). */
  | { kind: 'no-endpoints'; service: string; port?: number; rule?: string }
  /** IPVS mode: an address on kube-ipvs0 with no virtual server for the port (KUBE-IPVS-FILTER). */
  | { kind: 'no-service-port'; ip: string; port?: number; rule?: string }
  /** The packet arrived but nothing listens (or the pod does not run). */
  | { kind: 'no-listener'; target: string; protocol: string; port: number; phase?: string; service?: string }
  /** A netfilter rule (or a chain's DROP policy) dropped it. */
  | { kind: 'rule-drop'; table: string; chain: string; rule?: string; spec?: string }
  | { kind: 'mtu'; netns: string; dev: string; mtu: number; sizeBytes: number }
  | { kind: 'no-route'; netns: string; dst: string }
  /** Anything else: the packet engine's own words. */
  | { kind: 'other'; detail: string };

/** What let a packet through that the check expected to be stopped. */
export type Allowance =
  /** No NetworkPolicy isolates the receiving pod for ingress (nor the sender for egress). */
  | { kind: 'not-isolated'; pod: string }
  /** A policy rule admitted it. */
  | { kind: 'allowed-by-rule'; direction: 'ingress' | 'egress'; pod: string; policy: string; rule: string }
  /** Policies would deny it, but the CNI does not enforce NetworkPolicy. */
  | { kind: 'not-enforced'; cni: string; policies: string[] }
  /** A destination outside the cluster has no ingress policy: no NetworkPolicy isolates the sender for egress. */
  | { kind: 'sender-not-isolated'; pod: string };

/** How a check demanded the packet be stopped (schema.ts DENIED_BY), as the feedback names it. */
export type DeniedByKind = DeniedBy;

/** Why a Service's backends are not the workload's replicas, read from its EndpointSlices and the pods' ownerReferences. */
export type BackendsProblem =
  | { kind: 'no-deployment'; deployment: string }
  /** Fewer (or more) ready endpoints than the Deployment's spec.replicas; `notReady` counts the slices' endpoints that are not ready. */
  | { kind: 'count'; deployment: string; ready: number; replicas: number; notReady: number }
  /** A ready endpoint that is not a replica of the Deployment: `owner` is its controller (`ReplicaSet x of Deployment y`), absent for an orphan. */
  | { kind: 'foreign-endpoint'; deployment: string; endpoint: string; owner?: string };

export function deniedByText(kind: DeniedByKind): string {
  switch (kind) {
    case 'policy':
      return 'a NetworkPolicy';
    case 'ingress-policy':
      return "a NetworkPolicy of the receiving pod (ingress)";
    case 'egress-policy':
      return "a NetworkPolicy of the sending pod (egress)";
    case 'no-endpoints':
      return 'kube-proxy rejecting a Service without ready endpoints';
    case 'no-listener':
      return 'a port nothing listens on';
    default: {
      const never: never = kind;
      return never;
    }
  }
}

export function backendsText(service: string, p: BackendsProblem): string {
  switch (p.kind) {
    case 'no-deployment':
      return `there is no Deployment ${p.deployment} for Service ${service} to send to`;
    case 'count': {
      const notReady = p.notReady > 0 ? ` (and ${p.notReady} not ready)` : '';
      return `the EndpointSlices of Service ${service} hold ${p.ready} ready ${p.ready === 1 ? 'endpoint' : 'endpoints'}${notReady}, but Deployment ${p.deployment} has ${p.replicas} ${p.replicas === 1 ? 'replica' : 'replicas'}`;
    }
    case 'foreign-endpoint':
      return p.owner
        ? `Service ${service} sends to ${p.endpoint}, which belongs to ${p.owner}, not to Deployment ${p.deployment}`
        : `Service ${service} sends to ${p.endpoint}, which no ReplicaSet owns any more: pods whose labels stop matching their ReplicaSet's selector are orphaned, and Deployment ${p.deployment} no longer scales, updates or replaces them`;
    default: {
      const never: never = p;
      return never;
    }
  }
}

export function blockerText(b: Blocker): string {
  switch (b.kind) {
    case 'policy':
      return policyBlockerText(b);
    case 'no-endpoints':
      return `Service ${b.service} has no ready endpoint yet, so kube-proxy rejects connections to it${b.port !== undefined ? ` on port ${b.port}` : ''}`;
    case 'no-service-port':
      return `${b.ip} is a Service address, but no Service port ${String(b.port)} is served there, so kube-proxy's KUBE-IPVS-FILTER rejects it`;
    case 'no-listener': {
      if (b.phase !== undefined) return `${b.target} is ${b.phase}: nothing runs there yet to answer ${portText(b.protocol, b.port)}`;
      const via = b.service ? `; Service ${b.service} sends the connection there, so check its targetPort` : '';
      return `nothing in ${b.target} listens on ${portText(b.protocol, b.port)}${via}`;
    }
    case 'rule-drop':
      return b.rule ? `the ${b.table} ${b.chain} rule ${b.rule} drops it (${String(b.spec)})` : `the ${b.table} ${b.chain} chain drops it`;
    case 'mtu':
      return `a ${b.sizeBytes}-byte packet does not fit ${b.dev}'s MTU ${b.mtu} in ${b.netns} and may not be fragmented`;
    case 'no-route':
      return `${b.netns} has no route to ${b.dst}`;
    case 'other':
      return b.detail;
    default: {
      const never: never = b;
      return never;
    }
  }
}

export function allowanceText(a: Allowance): string {
  switch (a.kind) {
    case 'not-isolated':
      return `no NetworkPolicy selects ${a.pod} for ingress, so every connection to it is allowed`;
    case 'allowed-by-rule':
      return `rule ${a.rule} of NetworkPolicy ${a.policy} allows it (${a.direction} of ${a.pod})`;
    case 'not-enforced':
      return `${a.cni} does not enforce NetworkPolicy, so ${list(a.policies)} would deny it but nothing applies ${a.policies.length === 1 ? 'it' : 'them'}`;
    case 'sender-not-isolated':
      return `no NetworkPolicy selects ${a.pod} for egress, so it may send anywhere`;
    default: {
      const never: never = a;
      return never;
    }
  }
}

function policyBlockerText(b: Extract<Blocker, { kind: 'policy' }>): string {
  const policies = `${b.policies.length === 1 ? 'NetworkPolicy' : 'NetworkPolicies'} ${list(b.policies)} in namespace ${b.namespace} ${b.policies.length === 1 ? 'selects' : 'select'} pod ${b.pod}`;
  const flow = `${b.direction} ${b.direction === 'ingress' ? 'from' : 'to'} ${b.peer} on ${portText(b.protocol, b.port)}`;
  const near = b.nearMiss ? `; rule ${b.nearMiss.rule} of ${b.nearMiss.policy} matches ${b.nearMiss.missed === 'port' ? `the ${b.direction === 'ingress' ? 'source' : 'destination'} but not ${portText(b.protocol, b.port)}` : `${portText(b.protocol, b.port)} but not the ${b.direction === 'ingress' ? 'source' : 'destination'}`}` : '';
  return `${policies} and no rule allows ${flow}${near}`;
}

function portText(protocol: string, port: number): string {
  return protocol === 'ICMP' ? 'ICMP' : `${protocol} ${port}`;
}

/** `a`, `a and b`, `a, b and c`. */
function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
