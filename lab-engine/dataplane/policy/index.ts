// The NetworkPolicy engine's public face: evaluate a flow, read the verdict and its reasons.

export { evaluate, NAMESPACE_NAME_LABEL, type PolicyWorld } from './evaluate';
export { describeSelector, selectorMatches } from './label-selector';
export type * from '../../kube/network-policy';
export { NETPOL_REASONS, policyTypesOf } from './verdict';
export type { Direction, DirectionVerdict, Flow, FlowEndpoint, NetpolReason, PolicyRef, RuleEvaluation, Verdict } from './verdict';
