// Grades a `reachability` check by sending a packet through the simulated dataplane — the same
// walk the learner's `trace` prints — from the first Running pod the selector matches to the
// Service, pod or address named. Only a delivered packet counts as "allowed"; a refusal or a drop
// is "denied", and the reason is the hop that decided it.

import type { Simulation } from '../../simulation/contract';
import type { ReachabilityCheck } from '../schema';
import { feedback } from '../feedback';
import type { CheckOutcome } from './resource-check';
import type { ProbeResult } from '../../dataplane/packet/types';

type PodLike = { metadata: { name: string; labels?: Record<string, string> }; status?: { phase?: string; podIP?: string } };

export function gradeReachabilityCheck(check: ReachabilityCheck, sim: Simulation): CheckOutcome {
  const fromNs = check.from.namespace ?? 'default';
  const toNs = check.to.namespace ?? fromNs;
  const source = findSource(sim, fromNs, check.from);
  if (!source) {
    const selector = check.from.selector ?? `pod ${check.from.pod}`;
    return { passed: false, reason: `no running pod in ${fromNs} matches ${selector}`, ...feedback('reachability.no_source', { namespace: fromNs, selector }) };
  }
  const target = resolveTarget(sim, check, toNs);
  if ('error' in target) return { passed: false, reason: target.error, ...feedback('check.error', { message: target.error }) };
  const result = sim.probe({ from: { kind: 'pod', namespace: fromNs, name: source.metadata.name }, dst: target.ip, protocol: check.protocol, dport: target.port });
  const from = `pod ${fromNs}/${source.metadata.name}`;
  const flow = { from, to: target.label };
  const reason = decidingReason(result);
  const reached = result.outcome.kind === 'delivered';
  if (check.expect === 'allowed') {
    return reached ? { passed: true, reason, ...feedback('reachability.allowed_ok', { ...flow, reason }) } : { passed: false, reason, ...feedback('reachability.unexpectedly_denied', { ...flow, reason }) };
  }
  return reached ? { passed: false, reason, ...feedback('reachability.unexpectedly_allowed', { ...flow, reason }) } : { passed: true, reason, ...feedback('reachability.denied_ok', { ...flow, reason }) };
}

export function findSource(sim: Simulation, namespace: string, from: ReachabilityCheck['from']): PodLike | undefined {
  const pods = sim.list('pods', namespace) as unknown as PodLike[];
  const running = (p: PodLike) => p.status?.phase === 'Running' && p.status.podIP;
  if (from.pod) return pods.find((p) => p.metadata.name === from.pod && running(p));
  const wanted = (from.selector ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  return pods.find((p) => running(p) && wanted.every((req) => matches(req, p.metadata.labels ?? {})));
}

/** One requirement of a selector: `k=v`, `k==v`, `k!=v`, `k`, `!k`. */
function matches(req: string, labels: Record<string, string>): boolean {
  const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(req);
  if (!m) return req.startsWith('!') ? !(req.slice(1) in labels) : req in labels;
  return m[2] === '!=' ? labels[m[1]] !== m[3] : labels[m[1]] === m[3];
}

function resolveTarget(sim: Simulation, check: ReachabilityCheck, namespace: string): { ip: string; port: number; label: string } | { error: string } {
  const { to } = check;
  if (to.ip) return { ip: to.ip, port: to.port, label: `${to.ip}:${to.port}` };
  if (to.service) {
    const svc = sim.get('services', namespace, to.service) as { spec?: { clusterIP?: string } } | undefined;
    if (!svc) return { error: `there is no Service ${namespace}/${to.service} yet` };
    if (!svc.spec?.clusterIP || svc.spec.clusterIP === 'None') return { error: `Service ${namespace}/${to.service} has no ClusterIP` };
    return { ip: svc.spec.clusterIP, port: to.port, label: `service ${namespace}/${to.service}:${to.port}` };
  }
  const pod = sim.get('pods', namespace, to.pod!) as PodLike | undefined;
  if (!pod?.status?.podIP) return { error: `pod ${namespace}/${to.pod} has no IP yet` };
  return { ip: pod.status.podIP, port: to.port, label: `pod ${namespace}/${to.pod}:${to.port}` };
}

/** The hop that ended the walk, in the learner's terms. */
function decidingReason(result: ProbeResult): string {
  const o = result.outcome;
  switch (o.kind) {
    case 'delivered':
      return `delivered to ${o.at.pod ? `${o.at.pod.namespace}/${o.at.pod.name}` : o.at.netns} at ${o.at.ip}${o.at.port ? `:${o.at.port}` : ''}`;
    case 'refused':
      return result.hops.at(-1)?.summary ?? 'connection refused';
    case 'dropped':
    case 'unreachable':
      return result.hops.filter((h) => h.kind === 'policy' || h.kind === 'drop' || h.kind === 'netfilter').at(-1)?.summary ?? o.reason;
    default: {
      const never: never = o;
      return never;
    }
  }
}
