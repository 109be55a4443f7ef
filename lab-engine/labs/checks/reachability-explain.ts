// Reads a reachability check's walk the way a teacher would explain it: from the typed decision
// of the hop that ended it, what stopped the packet (the policy and its near-miss rule, the
// Service with no ready endpoint, the port nothing listens on...), or, for a packet that should
// have been stopped, what let it through. The result is the feedback catalogue's parameters
// (labs/reachability-feedback.ts), never text.

import type { Hop, OutcomeCause, PolicyHopDecision, ProbeResult } from '../../dataplane/packet/types';
import { hopSummary } from '../../dataplane/packet/render-hop';
import { causeReason } from '../../dataplane/packet/render-outcome';
import type { Allowance, Blocker, HopRef } from '../reachability-feedback';

/** Names an address the way a learner knows it: `pod ns/name` when a pod holds it. */
export type NameAddress = (ip: string) => string;

/** The hop that ended the walk, and what stopped the packet there. */
export function explainDenied(result: ProbeResult, nameOf: NameAddress): { hop?: HopRef; blocker: Blocker } {
  const o = result.outcome;
  const last = result.hops.at(-1);
  const ref = (h: Hop | undefined): { hop?: HopRef } => (h ? { hop: { index: result.hops.length - 1, netns: h.netns, kind: h.kind } } : {});
  switch (o.kind) {
    case 'dropped':
    case 'unreachable':
      return { ...(o.cause.kind === 'walk' ? {} : ref(last)), blocker: causeBlocker(o.cause, nameOf) };
    case 'refused':
      return { ...ref(last), blocker: last ? refusalBlocker(last, result.hops) : { kind: 'other', detail: 'connection refused' } };
    case 'delivered':
      return { ...ref(last), blocker: { kind: 'other', detail: 'the packet was delivered' } };
    default: {
      const never: never = o;
      return never;
    }
  }
}

/** What let a delivered packet through: an unenforced policy, the rule that admitted it, or no policy at all. */
export function explainAllowed(result: ProbeResult, sender?: string): Allowance | undefined {
  if (result.outcome.kind !== 'delivered') return undefined;
  const policies = result.hops.filter((h): h is Extract<Hop, { kind: 'policy' }> => h.kind === 'policy');
  const unenforced = policies.filter((p) => !p.enforced);
  if (unenforced.length > 0) return { kind: 'not-enforced', cni: unenforced[0].cni, policies: [...new Set(unenforced.flatMap((p) => p.verdict.selectedBy.map((s) => `${s.namespace}/${s.name}`)))] };
  const ingress = policies.find((p) => p.direction === 'ingress');
  const at = result.outcome.at.pod;
  if (!ingress) return at ? { kind: 'not-isolated', pod: `pod ${at.namespace}/${at.name}` } : egressAllowance(policies, sender);
  const by = ingress.verdict.allowedBy;
  if (!by) return undefined;
  return { kind: 'allowed-by-rule', direction: 'ingress', pod: `pod ${ingress.pod.namespace}/${ingress.pod.name}`, policy: `${by.policy.namespace}/${by.policy.name}`, rule: `ingress[${by.ruleIndex}]` };
}

/** Outside the cluster no ingress policy has a say: the sender's egress decided, by a rule or by isolating nothing. */
function egressAllowance(policies: Extract<Hop, { kind: 'policy' }>[], sender: string | undefined): Allowance | undefined {
  const egress = policies.find((p) => p.direction === 'egress');
  const by = egress?.verdict.allowedBy;
  if (egress && by) return { kind: 'allowed-by-rule', direction: 'egress', pod: `pod ${egress.pod.namespace}/${egress.pod.name}`, policy: `${by.policy.namespace}/${by.policy.name}`, rule: `egress[${by.ruleIndex}]` };
  return !egress && sender?.startsWith('pod ') ? { kind: 'sender-not-isolated', pod: sender } : undefined;
}

function causeBlocker(cause: OutcomeCause, nameOf: NameAddress): Blocker {
  switch (cause.kind) {
    case 'policy':
      return policyBlocker(cause, nameOf);
    case 'netfilter': {
      if (cause.error !== undefined || cause.policyDrop) return cause.error !== undefined ? { kind: 'other', detail: causeReason(cause) } : { kind: 'rule-drop', table: cause.table, chain: cause.chain };
      const rule = cause.matched.at(-1);
      return { kind: 'rule-drop', table: cause.table, chain: cause.chain, ...(rule ? { rule: `${rule.chain}/${rule.ruleNumber}`, spec: rule.spec } : {}) };
    }
    case 'mtu':
      return { kind: 'mtu', netns: cause.netns, dev: cause.dev ?? 'its link', mtu: cause.mtu, sizeBytes: cause.sizeBytes };
    case 'drop':
      return cause.drop === 'no-route' ? { kind: 'no-route', netns: cause.netns, dst: cause.dst } : { kind: 'other', detail: causeReason(cause) };
    default:
      return { kind: 'other', detail: causeReason(cause) };
  }
}

/** A NetworkPolicy drop in the learner's terms: the pod, its policies, the flow, and the rule that nearly allowed it. */
export function policyBlocker(d: PolicyHopDecision, nameOf: NameAddress): Blocker {
  const near = d.verdict.rules.find((r) => r.peerMatched !== r.portMatched);
  return {
    kind: 'policy',
    direction: d.direction,
    namespace: d.pod.namespace,
    pod: d.pod.name,
    policies: d.verdict.selectedBy.map((p) => (p.namespace === d.pod.namespace ? p.name : `${p.namespace}/${p.name}`)),
    protocol: d.protocol.toUpperCase(),
    port: d.port,
    peer: nameOf(d.peer),
    ...(near ? { nearMiss: { policy: near.policy.name, rule: `${d.direction}[${near.ruleIndex}]`, missed: near.peerMatched ? ('port' as const) : ('peer' as const) } } : {}),
  };
}

function refusalBlocker(last: Hop, hops: readonly Hop[]): Blocker {
  switch (last.kind) {
    case 'netfilter': {
      const rule = last.matched.at(-1);
      const ruleRef = rule ? { rule: `${rule.chain}/${rule.ruleNumber}` } : {};
      if (last.reject?.because === 'no-virtual-server') return { kind: 'no-service-port', ip: last.headers.dst, ...(last.headers.dport !== undefined ? { port: last.headers.dport } : {}), ...ruleRef };
      if (last.service) return { kind: 'no-endpoints', service: `${last.service.namespace}/${last.service.name}`, port: last.service.port, ...ruleRef };
      return { kind: 'other', detail: hopSummary(last) };
    }
    case 'nftables':
      if (last.reject?.because === 'invalid-port') return { kind: 'no-service-port', ip: last.headers.dst, ...(last.headers.dport !== undefined ? { port: last.headers.dport } : {}) };
      if (last.service) return { kind: 'no-endpoints', service: `${last.service.namespace}/${last.service.name}`, port: last.service.port };
      return { kind: 'other', detail: hopSummary(last) };
    case 'ipvs':
      return { kind: 'no-endpoints', service: last.service ? `${last.service.namespace}/${last.service.name}` : last.virtualServer.servicePortName, port: last.virtualServer.port };
    case 'deliver': {
      const target = last.host.kind === 'pod' ? `pod ${last.host.namespace}/${last.host.name}` : `node ${last.host.node}`;
      const service = servedBy(hops);
      return { kind: 'no-listener', target, protocol: last.protocol.toUpperCase(), port: last.port ?? 0, ...(last.phase !== undefined ? { phase: last.phase } : {}), ...(service ? { service } : {}) };
    }
    default:
      return { kind: 'other', detail: hopSummary(last) };
  }
}

/** The Service whose DNAT (or IPVS virtual server) sent the packet where it went, if one did. */
function servedBy(hops: readonly Hop[]): string | undefined {
  for (const h of hops) {
    if ((h.kind === 'netfilter' || h.kind === 'nftables') && h.verdict === 'DNAT' && h.service) return `${h.service.namespace}/${h.service.name}`;
    if (h.kind === 'ipvs' && h.realServer) return h.service ? `${h.service.namespace}/${h.service.name}` : h.virtualServer.servicePortName;
  }
  return undefined;
}
