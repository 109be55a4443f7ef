// What the NetworkPolicy engine answers, and the stable reason IDs the grader, hints and the
// learner's `trace` share (STYLE: "Decisions explain themselves", "Feedback from a catalogue").

import type { Protocol } from '../../kube/network-policy';

export type Direction = 'egress' | 'ingress';

/** One end of a flow: a pod (its IP is status.podIP) or an address outside the pod network. */
export type FlowEndpoint =
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'external'; ip: string };

/**
 * One connection attempt as NetworkPolicy judges it: after kube-proxy's DNAT, so `dst` is the
 * backend pod and `port` its targetPort (GROUND-TRUTH §1.1 rule 10).
 */
export interface Flow {
  src: FlowEndpoint;
  dst: FlowEndpoint;
  protocol: Protocol;
  port: number;
}

export const NETPOL_REASONS = [
  'netpol.egress.not_a_pod',
  'netpol.egress.not_isolated',
  'netpol.egress.allowed_by_rule',
  'netpol.egress.no_policy_allows',
  'netpol.ingress.not_a_pod',
  'netpol.ingress.not_isolated',
  'netpol.ingress.allowed_by_rule',
  'netpol.ingress.no_policy_allows',
] as const;

export type NetpolReason = (typeof NETPOL_REASONS)[number];

export interface PolicyRef {
  namespace: string;
  name: string;
}

/** How one rule of a selecting policy fared against the flow: the near misses are hints. */
export interface RuleEvaluation {
  policy: PolicyRef;
  /** 0-based index into spec.ingress / spec.egress. */
  ruleIndex: number;
  /** The peer list matched the remote end (an absent/empty list matches everyone). */
  peerMatched: boolean;
  /** The port list matched (protocol, number or range, or a named port on the destination pod). */
  portMatched: boolean;
  /** Which peer (0-based) matched, when one did and the list was not empty. */
  matchedPeerIndex?: number;
  /** Which port entry (0-based) matched, when one did and the list was not empty. */
  matchedPortIndex?: number;
  allows: boolean;
}

export interface DirectionVerdict {
  direction: Direction;
  /** The pod this direction is judged at (egress: the source, ingress: the destination); absent for external ends. */
  pod?: PolicyRef;
  isolated: boolean;
  /** Policies in the pod's namespace that select it and include this direction's policyType. */
  selectedBy: PolicyRef[];
  /** Every rule evaluated, in policy then rule order. */
  rules: RuleEvaluation[];
  /** The first rule that allowed the flow (policies in namespace/name order, then rule index). */
  allowedBy?: { policy: PolicyRef; ruleIndex: number };
  allowed: boolean;
  reason: NetpolReason;
}

export interface Verdict {
  allowed: boolean;
  /** The reason that decided the outcome: the first denying direction, else the ingress reason. */
  reason: NetpolReason;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
}

export { policyTypesOf } from '../../kube/network-policy';
