// Grades a `reachability` check by sending a packet through the simulated dataplane — the same
// walk the learner's `trace` prints — from the first Running pod the selector matches, or from a
// client outside (the workstation, the internet), to the Service, pod or address named, or to a
// node's NodePort (one node, or every node: then each must behave) or a load balancer's address. Only a delivered packet counts as "allowed"; a refusal or a drop
// is "denied". `deniedBy` also demands what stopped it (a policy, not kube-proxy's REJECT for a
// Service without endpoints; the receiver's ingress policy, even behind the sender's egress
// drop, per receiver-ingress.ts), and `backends` that the Service sends to exactly the Deployment's
// ready replicas (service-backends.ts). The feedback's parameters come from the typed decision of
// the hop that decided (reachability-explain.ts); the `reason` is that hop in the packet engine's
// own words; `encrypted` also demands WireGuard on every crossing between nodes (wire-encryption.ts); a failed check also carries the walk itself (bounded), so the browser can draw it.

import type { Simulation } from '../../simulation/contract';
import type { DeniedBy, ReachabilityCheck } from '../schema';
import { podSourceOf } from '../check-sources';
import { feedback, type Blocker, type Feedback } from '../feedback';
import type { CheckOutcome } from './resource-check';
import { findSource, type SourcePod } from './source-pod';
import { outsideTargetsOf, type HttpTarget } from './http-targets';
import type { PacketSource, Probe, ProbeResult } from '../../dataplane/packet/types';
import { hopSummary } from '../../dataplane/packet/render-hop';
import { outcomeReason } from '../../dataplane/packet/render-outcome';
import { boundPacketTrace, packetTrace } from '../../dataplane/packet/packet-trace';
import { explainAllowed, explainDenied, type NameAddress } from './reachability-explain';
import { udpSenders } from '../../dataplane/apps/udp-sender';
import { backendsProblem } from './service-backends';
import { receiverIngressDenial } from './receiver-ingress';
import { gradeSelfBackend } from './self-backend';
import { wireEncryption, wireEncryptionText } from './wire-encryption';

/** Who sends: a pod (found as the check names it) or a client outside the cluster. */
type Sender = { from: PacketSource; label: string; pod?: SourcePod };

/** Where the packet goes, in the learner's terms; `node` names the node for node targets. */
type Target = { ip: string; port: number; label: string; node?: string };

export function gradeReachabilityCheck(check: ReachabilityCheck, sim: Simulation): CheckOutcome {
  const sender = senderOf(check, sim);
  if ('outcome' in sender) return sender.outcome;
  const toNs = check.to.namespace ?? podSourceOf(check.from)?.namespace ?? 'default';
  const targets = targetsOf(sim, check, toNs);
  if ('error' in targets) return { passed: false, reason: targets.error, ...feedback('check.error', { message: targets.error }) };
  if (!targets.every) return gradeOne(check, sim, sender, targets.targets[0]!, toNs);
  const outcomes = targets.targets.map((target) => ({ target, outcome: gradeOne(check, sim, sender, target, toNs) }));
  const failing = outcomes.filter((o) => !o.outcome.passed);
  const reasons = outcomes.map((o) => `${o.target.node}: ${o.outcome.reason}`).join('; ');
  const to = `port ${targets.targets[0]!.port} on every node`;
  if (failing.length === 0) {
    const flow = { from: sender.label, to, reason: reasons };
    return { passed: true, reason: reasons, ...(check.expect === 'allowed' ? feedback('reachability.allowed_ok', flow) : feedback('reachability.denied_ok', flow)) };
  }
  const first = failing[0]!;
  return {
    ...first.outcome,
    reason: `${first.target.node}: ${first.outcome.reason}`,
    ...feedback('reachability.not_every_node', {
      from: sender.label,
      to,
      answered: outcomes.length - failing.length,
      total: outcomes.length,
      failing: failing.map((o) => `${o.target.node} (${o.target.ip})`).join(', '),
      // Only the ID and its parameters: the correlated union cannot be rebuilt field by field without a cast.
      first: { feedbackId: first.outcome.feedbackId, params: first.outcome.params } as Feedback,
    }),
  };
}

function gradeOne(check: ReachabilityCheck, sim: Simulation, sender: Sender, target: Target, toNs: string): CheckOutcome {
  const source = sender.pod;
  const socket = check.senderSocket && source ? udpSenders(source)[0] : undefined;
  if (check.senderSocket && !socket) {
    const message = `${sender.label} runs no UDP sender (a \`while …; do …; sleep N; done | nc -u HOST PORT\` loop)`;
    return { passed: false, reason: message, ...feedback('check.error', { message }) };
  }
  const probe: Probe = { from: sender.from, dst: target.ip, protocol: check.protocol, ...(check.protocol === 'icmp' ? {} : { dport: target.port }), ...(socket ? { sport: socket.sourcePort } : {}) };
  const podSource = podSourceOf(check.from);
  if (check.backend === 'self' && podSource) {
    const fromNs = podSource.namespace ?? 'default';
    return gradeSelfBackend(sim, podSource, fromNs, probe, target.label, (one, result, from) => judge(check, sim, toNs, one, result, { from, to: target.label }));
  }
  return judge(check, sim, toNs, probe, sim.probe(probe), { from: sender.label, to: target.label });
}

/** The verdict on one packet's walk: delivered or stopped, and by what, against what the check expects. */
function judge(check: ReachabilityCheck, sim: Simulation, toNs: string, probe: Probe, result: ProbeResult, flow: { from: string; to: string }): CheckOutcome {
  const reason = decidingReason(result);
  const reached = result.outcome.kind === 'delivered';
  // Only a failed check carries the walk: it is what the learner needs to see, and it keeps passing results small.
  const failed = () => ({ passed: false as const, reason, trace: boundPacketTrace(packetTrace(probe, result)) });
  if (check.expect === 'allowed') {
    if (!reached) return { ...failed(), ...feedback('reachability.unexpectedly_denied', { ...flow, reason, ...explainDenied(result, podNamer(sim)) }) };
    const problem = check.backends && check.to.service ? backendsProblem(sim, toNs, check.to.service, check.backends.deployment) : undefined;
    if (problem) return { passed: false, reason, ...feedback('reachability.wrong_backends', { ...flow, reason, service: `${toNs}/${check.to.service}`, problem }) };
    if (check.encrypted) {
      const wire = wireEncryption(result);
      if (wire.kind !== 'encrypted') return { ...failed(), ...feedback('reachability.not_encrypted', { ...flow, reason, wire: wireEncryptionText(wire) }) };
      const sealed = `${reason}, encrypted in WireGuard between the nodes`;
      return { passed: true, reason: sealed, ...feedback('reachability.allowed_ok', { ...flow, reason: sealed }) };
    }
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
  const allowance = explainAllowed(result, flow.from);
  return { ...failed(), ...feedback('reachability.unexpectedly_allowed', { ...flow, reason, ...(allowance ? { allowance } : {}) }) };
}

function senderOf(check: ReachabilityCheck, sim: Simulation): Sender | { outcome: CheckOutcome } {
  if (check.from === 'workstation') return { from: { kind: 'external', host: 'workstation' }, label: 'the workstation' };
  if (check.from === 'internet') return { from: { kind: 'external', host: 'internet' }, label: 'a client on the internet' };
  // A netns the learner made: the walk itself says when it does not exist (no-such-netns).
  if ('netns' in check.from) return { from: { kind: 'netns', node: check.from.node, name: check.from.netns }, label: `netns ${check.from.netns} on ${check.from.node}` };
  const namespace = check.from.namespace ?? 'default';
  const pod = findSource(sim, namespace, check.from);
  if (!pod) {
    const selector = `${check.from.selector ?? `pod ${check.from.pod}`}${check.from.node ? ` on node ${check.from.node}` : ''}`;
    return { outcome: { passed: false, reason: `no running pod in ${namespace} matches ${selector}`, ...feedback('reachability.no_source', { namespace, selector }) } };
  }
  return { from: { kind: 'pod', namespace, name: pod.metadata.name }, label: `pod ${namespace}/${pod.metadata.name}`, pod };
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

function targetsOf(sim: Simulation, check: ReachabilityCheck, namespace: string): { targets: Target[]; every: boolean } | { error: string } {
  const { to } = check;
  const outside = outsideTargetsOf({ ...to, namespace }, sim);
  if (outside) {
    if ('error' in outside) return outside;
    const label = (t: HttpTarget) => (to.loadBalancer !== undefined ? `load balancer ${t.ip}:${t.port} (Service ${namespace}/${to.loadBalancer})` : `node ${t.node} ${t.ip}:${t.port}`);
    return { every: outside.every, targets: outside.targets.map((t) => ({ ...t, label: label(t) })) };
  }
  // A ping has no port (the schema allows none only for icmp to an ip).
  const port = to.port ?? 0;
  const one = (target: Target) => ({ targets: [target], every: false });
  if (to.ip) return one({ ip: to.ip, port, label: check.protocol === 'icmp' ? to.ip : `${to.ip}:${port}` });
  if (to.service) {
    const svc = sim.view().get('services', namespace, to.service);
    if (!svc) return { error: `there is no Service ${namespace}/${to.service} yet` };
    if (!svc.spec.clusterIP || svc.spec.clusterIP === 'None') return { error: `Service ${namespace}/${to.service} has no ClusterIP` };
    return one({ ip: svc.spec.clusterIP, port, label: `service ${namespace}/${to.service}:${port}` });
  }
  const pod = sim.view().get('pods', namespace, to.pod!);
  if (!pod) return { error: `there is no pod ${namespace}/${to.pod} yet` };
  if (!pod.status.podIP) return { error: `pod ${namespace}/${to.pod} has no IP yet` };
  return one({ ip: pod.status.podIP, port, label: `pod ${namespace}/${to.pod}:${port}` });
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
