// Grades a `reachability` check by sending a packet through the simulated dataplane — the same
// walk the learner's `trace` prints — from the first Running pod the selector matches to the
// Service, pod or address named. Only a delivered packet counts as "allowed"; a refusal or a drop
// is "denied". `deniedBy` also demands what stopped it (a policy, not kube-proxy's REJECT for a
// Service without endpoints; the receiver's ingress policy, even behind the sender's egress
// drop, per receiver-ingress.ts), and `backends` that the Service sends to exactly the Deployment's
// ready replicas (service-backends.ts). The feedback's parameters come from the typed decision of
// the hop that decided (reachability-explain.ts); the `reason` is that hop in the packet engine's
// own words; a failed check also carries the walk itself (bounded), so the browser can draw it.

import type { Simulation } from '../../simulation/contract';
import type { DeniedBy, ReachabilityCheck } from '../schema';
import { feedback, type Blocker } from '../feedback';
import type { CheckOutcome } from './resource-check';
import { findSource } from './source-pod';
import type { Probe, ProbeResult } from '../../dataplane/packet/types';
import { hopSummary } from '../../dataplane/packet/render-hop';
import { outcomeReason } from '../../dataplane/packet/render-outcome';
import { boundPacketTrace, packetTrace } from '../../dataplane/packet/packet-trace';
import { explainAllowed, explainDenied, type NameAddress } from './reachability-explain';
import { udpSenders } from '../../dataplane/apps/udp-sender';
import { backendsProblem } from './service-backends';
import { receiverIngressDenial } from './receiver-ingress';

export function gradeReachabilityCheck(check: ReachabilityCheck, sim: Simulation): CheckOutcome {
  const fromNs = check.from.namespace ?? 'default';
  const toNs = check.to.namespace ?? fromNs;
  const source = findSource(sim, fromNs, check.from);
  if (!source) {
    const selector = `${check.from.selector ?? `pod ${check.from.pod}`}${check.from.node ? ` on node ${check.from.node}` : ''}`;
    return { passed: false, reason: `no running pod in ${fromNs} matches ${selector}`, ...feedback('reachability.no_source', { namespace: fromNs, selector }) };
  }
  const target = resolveTarget(sim, check, toNs);
  if ('error' in target) return { passed: false, reason: target.error, ...feedback('check.error', { message: target.error }) };
  const sender = check.senderSocket ? udpSenders(source)[0] : undefined;
  if (check.senderSocket && !sender) {
    const message = `pod ${fromNs}/${source.metadata.name} runs no UDP sender (a \`while …; do …; sleep N; done | nc -u HOST PORT\` loop)`;
    return { passed: false, reason: message, ...feedback('check.error', { message }) };
  }
  const probe: Probe = { from: { kind: 'pod', namespace: fromNs, name: source.metadata.name }, dst: target.ip, protocol: check.protocol, dport: target.port, ...(sender ? { sport: sender.sourcePort } : {}) };
  const result = sim.probe(probe);
  const from = `pod ${fromNs}/${source.metadata.name}`;
  const flow = { from, to: target.label };
  const reason = decidingReason(result);
  const reached = result.outcome.kind === 'delivered';
  // Only a failed check carries the walk: it is what the learner needs to see, and it keeps passing results small.
  const failed = () => ({ passed: false as const, reason, trace: boundPacketTrace(packetTrace(probe, result)) });
  if (check.expect === 'allowed') {
    if (!reached) return { ...failed(), ...feedback('reachability.unexpectedly_denied', { ...flow, reason, ...explainDenied(result, podNamer(sim)) }) };
    const problem = check.backends && check.to.service ? backendsProblem(sim, toNs, check.to.service, check.backends.deployment) : undefined;
    if (problem) return { passed: false, reason, ...feedback('reachability.wrong_backends', { ...flow, reason, service: `${toNs}/${check.to.service}`, problem }) };
    return { passed: true, reason, ...feedback('reachability.allowed_ok', { ...flow, reason }) };
  }
  if (!reached) {
    const nameOf = podNamer(sim);
    const denial = explainDenied(result, nameOf);
    if (check.deniedBy && !deniedAs(check.deniedBy, denial.blocker)) {
      // The sender's egress policy dropped it first; the receiver's own ingress verdict may still be the denial asked for.
      const behind = check.deniedBy === 'ingress-policy' ? receiverIngressDenial(sim, result.hops, nameOf) : undefined;
      if (behind) return { passed: true, reason, ...feedback('reachability.denied_ok', { ...flow, reason, blocker: behind }) };
      return { ...failed(), ...feedback('reachability.denied_otherwise', { ...flow, reason, expected: check.deniedBy, ...denial }) };
    }
    return { passed: true, reason, ...feedback('reachability.denied_ok', { ...flow, reason, ...denial }) };
  }
  const allowance = explainAllowed(result);
  return { ...failed(), ...feedback('reachability.unexpectedly_allowed', { ...flow, reason, ...(allowance ? { allowance } : {}) }) };
}

/** Whether what stopped the packet is the kind of denial the check asks for. */
function deniedAs(wanted: DeniedBy, blocker: Blocker): boolean {
  switch (wanted) {
    case 'policy':
      return blocker.kind === 'policy';
    case 'ingress-policy':
    case 'egress-policy':
      return blocker.kind === 'policy' && `${blocker.direction}-policy` === wanted;
    case 'no-endpoints':
    case 'no-listener':
      return blocker.kind === wanted;
    default: {
      const never: never = wanted;
      return never;
    }
  }
}

/** `pod ns/name` for an address a pod holds, else the address. */
function podNamer(sim: Simulation): NameAddress {
  return (ip) => {
    const pod = sim.view().list('pods').find((p) => p.status.podIP === ip && !p.spec.hostNetwork);
    return pod ? `pod ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}` : ip;
  };
}

function resolveTarget(sim: Simulation, check: ReachabilityCheck, namespace: string): { ip: string; port: number; label: string } | { error: string } {
  const { to } = check;
  if (to.ip) return { ip: to.ip, port: to.port, label: `${to.ip}:${to.port}` };
  if (to.service) {
    const svc = sim.view().get('services', namespace, to.service);
    if (!svc) return { error: `there is no Service ${namespace}/${to.service} yet` };
    if (!svc.spec.clusterIP || svc.spec.clusterIP === 'None') return { error: `Service ${namespace}/${to.service} has no ClusterIP` };
    return { ip: svc.spec.clusterIP, port: to.port, label: `service ${namespace}/${to.service}:${to.port}` };
  }
  const pod = sim.view().get('pods', namespace, to.pod!);
  if (!pod) return { error: `there is no pod ${namespace}/${to.pod} yet` };
  if (!pod.status.podIP) return { error: `pod ${namespace}/${to.pod} has no IP yet` };
  return { ip: pod.status.podIP, port: to.port, label: `pod ${namespace}/${to.pod}:${to.port}` };
}

/** The hop that ended the walk, in the learner's terms. */
function decidingReason(result: ProbeResult): string {
  const o = result.outcome;
  switch (o.kind) {
    case 'delivered':
      return `delivered to ${o.at.pod ? `${o.at.pod.namespace}/${o.at.pod.name}` : o.at.netns} at ${o.at.ip}${o.at.port ? `:${o.at.port}` : ''}`;
    case 'refused': {
      const last = result.hops.at(-1);
      return last ? hopSummary(last) : 'connection refused';
    }
    case 'dropped':
    case 'unreachable': {
      const deciding = result.hops.filter((h) => h.kind === 'policy' || h.kind === 'drop' || h.kind === 'netfilter').at(-1);
      return deciding ? hopSummary(deciding) : outcomeReason(o);
    }
    default: {
      const never: never = o;
      return never;
    }
  }
}
