// Grades a `dns` check: the first Running pod the selector matches resolves the name with its own
// resolver (kubelet's search list and ndots:5, queries to kube-dns through the dataplane), so a
// policy that blocks port 53, a wrong namespace in the name or a Service without endpoints fail
// it for the reason they would fail a real program. The grader's lookup leaves nothing behind.

import type { Simulation } from '../../simulation/contract';
import type { DnsCheck } from '../schema';
import type { PodLookup } from '../../dataplane/dns/pod-resolver';
import { feedback } from '../feedback';
import type { CheckOutcome } from './resource-check';
import { findSource } from './source-pod';

export function gradeDnsCheck(check: DnsCheck, sim: Simulation): CheckOutcome {
  const namespace = check.from.namespace ?? 'default';
  const source = findSource(sim, namespace, check.from);
  if (!source) {
    const selector = check.from.selector ?? `pod ${check.from.pod}`;
    return { passed: false, reason: `no running pod in ${namespace} matches ${selector}`, ...feedback('reachability.no_source', { namespace, selector }) };
  }
  const name = check.name ?? source.spec.containers[0]?.env?.find((e) => e.name === check.nameFromEnv)?.value;
  if (!name) {
    const reason = `${check.nameFromEnv} is not set in pod ${namespace}/${source.metadata.name}, so its program has no name to look up`;
    return { passed: false, reason, ...feedback('dns.no_answer', { from: `pod ${namespace}/${source.metadata.name}`, name: `$${check.nameFromEnv}`, reason }) };
  }
  const who = { from: `pod ${namespace}/${source.metadata.name}`, name };
  const lookup = sim.lookup(namespace, source.metadata.name, name, { lookups: check.latency?.lookups ?? 1 });
  switch (lookup.kind) {
    case 'resolved': {
      const found = { ...who, fqdn: lookup.fqdn, addresses: lookup.addresses.join(', ') };
      if (check.expect !== 'resolves') return { passed: false, reason: `resolves to ${found.addresses}`, ...feedback('dns.unexpectedly_resolved', found) };
      const wanted = check.address ? expectedAddresses(sim, check.address, namespace) : undefined;
      if (wanted && 'error' in wanted) return { passed: false, reason: wanted.error, ...feedback('check.error', { message: wanted.error }) };
      if (wanted && !lookup.addresses.some((a) => wanted.ips.includes(a))) {
        return { passed: false, reason: `resolves to ${found.addresses}, not ${wanted.label}`, ...feedback('dns.wrong_address', { ...found, expected: wanted.label }) };
      }
      if (check.cname && !(lookup.cnames ?? []).includes(check.cname)) {
        const chain = (lookup.cnames ?? []).join(' → ');
        return { passed: false, reason: `resolves to ${found.addresses} ${chain ? `through ${chain}` : 'without a CNAME'}, not through ${check.cname}`, ...feedback('dns.no_cname', { ...found, cname: check.cname, chain }) };
      }
      return gradeCost(check, lookup, who) ?? { passed: true, reason: `resolves to ${found.addresses}`, ...feedback('dns.resolved_ok', found) };
    }
    case 'nxdomain':
      if (check.expect === 'nxdomain') return { passed: true, reason: 'NXDOMAIN', ...feedback('dns.nxdomain_ok', who) };
      return { passed: false, reason: 'NXDOMAIN', ...feedback('dns.not_found', { ...who, tried: lookup.tried.join(', ') }) };
    case 'unreachable':
      if (check.expect === 'no-answer') return { passed: true, reason: lookup.reason, ...feedback('dns.no_answer_ok', { ...who, reason: lookup.reason }) };
      return { passed: false, reason: lookup.reason, ...feedback('dns.no_answer', { ...who, reason: lookup.reason }) };
    case 'not-cluster-dns': {
      const reason = "the pod does not use the cluster DNS (its dnsPolicy sends lookups to the node's resolver)";
      if (check.expect === 'no-answer' || check.expect === 'nxdomain') return { passed: true, reason, ...feedback('dns.no_answer_ok', { ...who, reason }) };
      return { passed: false, reason, ...feedback('dns.no_answer', { ...who, reason }) };
    }
    default: {
      const never: never = lookup;
      return never;
    }
  }
}

/** The lookup's cost: queries per lookup, then the latency of every timed lookup; undefined when the check asks neither or both hold. */
function gradeCost(check: DnsCheck, lookup: Extract<PodLookup, { kind: 'resolved' }>, who: { from: string; name: string }): CheckOutcome | undefined {
  const first = lookup.timings[0];
  if (check.maxQueries !== undefined && first) {
    // Queries as sent when nothing is lost: the first lookup's, without any resend after a stall.
    const queries = first.queries - 2 * first.stalls;
    const tried = `${lookup.fqdn === who.name.replace(/\.$/, '') ? '' : 'through the search list '}up to ${lookup.fqdn}`;
    if (queries > check.maxQueries) return { passed: false, reason: `${queries} queries per lookup`, ...feedback('dns.too_many_queries', { ...who, queries, max: check.maxQueries, tried }) };
    if (!check.latency) return { passed: true, reason: `${queries} queries per lookup`, ...feedback('dns.queries_ok', { ...who, queries, max: check.maxQueries }) };
  }
  if (!check.latency) return undefined;
  const { lookups, maxSeconds } = check.latency;
  const worstMs = Math.max(...lookup.timings.map((t) => t.elapsedMs));
  const worst = worstMs >= 1000 ? `${(worstMs / 1000).toFixed(2)} s` : `${worstMs.toFixed(1)} ms`;
  const slow = lookup.timings.filter((t) => t.elapsedMs > maxSeconds * 1000);
  if (slow.length) {
    const stalls = slow.reduce((n, t) => n + t.stalls, 0);
    return { passed: false, reason: `${slow.length}/${lookups} lookups slower than ${maxSeconds} s`, ...feedback('dns.slow', { ...who, slow: slow.length, lookups, maxSeconds, worst, stalls }) };
  }
  return { passed: true, reason: `${lookups} lookups within ${maxSeconds} s`, ...feedback('dns.fast_ok', { ...who, lookups, maxSeconds, worst }) };
}

function expectedAddresses(sim: Simulation, address: NonNullable<DnsCheck['address']>, namespace: string): { ips: string[]; label: string } | { error: string } {
  if (address.ip) return { ips: [address.ip], label: address.ip };
  const ns = address.namespace ?? namespace;
  const view = sim.view();
  if (address.pod) {
    // A pod the learner deleted or scaled away is a wrong answer, not a broken check: no IP to match.
    const podIP = view.get('pods', ns, address.pod)?.status.podIP;
    return podIP ? { ips: [podIP], label: `pod ${ns}/${address.pod} (${podIP})` } : { ips: [], label: `pod ${ns}/${address.pod}, which has no IP` };
  }
  const svc = view.get('services', ns, address.service!);
  if (!svc) return { error: `there is no Service ${ns}/${address.service} to compare with` };
  if (svc.spec.clusterIP && svc.spec.clusterIP !== 'None') return { ips: [svc.spec.clusterIP], label: `Service ${ns}/${address.service} (${svc.spec.clusterIP})` };
  const slices = view.list('endpointslices', ns);
  const ips = slices.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === address.service).flatMap((s) => s.endpoints.flatMap((e) => e.addresses));
  return { ips, label: `the endpoints of headless Service ${ns}/${address.service}` };
}
