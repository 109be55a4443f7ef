// Why a walk ended, in the learner's words: the reason `trace`'s verdict line, curl's and
// nslookup's timeouts and the grader give for a packet that was dropped or came back unreachable,
// rendered from the outcome's typed cause (the deciding hop's decision, or a failure before any hop).

import { hopSummary, netnsLabel } from './render-hop';
import type { DropHopDecision, OutcomeCause, ProbeOutcome, WalkFailure } from './types';

/** Why a walk that was not delivered or refused ended: its cause in the learner's words. */
export function outcomeReason(outcome: Extract<ProbeOutcome, { kind: 'dropped' | 'unreachable' }>): string {
  return causeReason(outcome.cause);
}

export function causeReason(cause: OutcomeCause): string {
  switch (cause.kind) {
    case 'walk':
      return walkFailureReason(cause);
    case 'mtu':
      if (cause.interconnect) return hopSummary(cause);
      return `packet of ${cause.sizeBytes} bytes does not fit ${String(cause.dev)} (mtu ${cause.mtu}) and may not be fragmented`;
    case 'drop':
      return dropReason(cause);
    default:
      return hopSummary(cause);
  }
}

function dropReason(d: DropHopDecision & { netns: string }): string {
  switch (d.drop) {
    case 'no-route':
      return `${d.netns}: ${d.error}`;
    case 'private-node-address':
      return `${d.dst} is a node's private address; from the internet only load-balancer IPs are reachable`;
    case 'no-healthy-node':
      return `no node passes the load balancer's health check for ${d.service.namespace}/${d.service.name}`;
    case 'outside-only':
      return `${d.dst} is not reachable from ${d.from}: ClusterIPs and pod IPs exist only inside the cluster`;
    case 'no-bridge-port':
      return `no pod has ${d.dst} on ${d.node}`;
    case 'hairpin-off':
      return `${d.bridge} on ${d.node} will not send a frame back out ${d.port}, the port it came in by: hairpin_mode is off`;
    case 'ports-isolated':
      return `${d.bridge} on ${d.node} does not forward between ${d.inPort} and ${d.port}: both bridge ports are isolated`;
    case 'nobody-answers':
      return `${d.dst} left ${d.node} towards ${d.nextHop} and nothing there owns it`;
    case 'snat-ports-exhausted':
      return `${d.node} has no free source port left for ${d.snatIp} → ${d.dst}:${d.dport} (${d.inUse} in use): the SYN is dropped`;
    case 'conntrack-table-full':
      return `${d.node}'s conntrack table is full (${d.count}/${d.max}): new connections are dropped`;
    case 'no-cloud-route':
      return `the VPC has no route to ${d.dst}: ${d.sender} sent it to its gateway and the cloud dropped it`;
    case 'cloud-route-to-sender':
      return `${d.dst} belongs to ${d.sender}'s own pod CIDR, but no pod there holds it`;
    case 'forwarding-off':
      return `${netnsLabel(d.netns)} does not forward (net.ipv4.ip_forward = 0): the packet to ${d.dst} is dropped there`;
    case 'link-down':
      return `${netnsLabel(d.netns)}: ${d.which === 'bridge' ? `bridge ${d.dev} is down` : d.which === 'no-carrier' ? `${d.dev} has no carrier (its other end is down)` : `${d.dev} is down`}`;
    case 'no-neighbour':
      return `${netnsLabel(d.netns)}: no answer to ARP for ${d.nextHop} on ${d.dev} (nothing on that link holds the address)`;
    default: {
      const never: never = d;
      return never;
    }
  }
}

function walkFailureReason(f: WalkFailure): string {
  switch (f.failure) {
    case 'no-such-node':
      return `there is no node ${f.node}`;
    case 'no-such-pod':
      return `pod ${f.namespace}/${f.name} does not exist`;
    case 'no-such-netns':
      return `there is no network namespace ${f.name} on ${f.node} (ip netns list)`;
    case 'no-pod-netns':
      return `pod ${f.namespace}/${f.name} has no network namespace yet (phase ${f.phase}): nothing can send from it`;
    case 'veth-leads-nowhere':
      return `${f.netns}: ${f.dev} leads nowhere`;
    case 'hop-limit':
      return `gave up after ${f.limit} hops (a routing loop?)`;
    case 'no-node-netns':
      return `no network namespace for node ${f.node}`;
    case 'no-device':
      return `${f.netns}: no device ${f.dev}`;
    case 'no-pod-behind-veth':
      return `${f.netns}: ${f.dev} has no pod at its other end`;
    case 'pod-gone':
      return `pod ${f.pod} is gone`;
    case 'no-tunnel-remote':
      return `${f.netns}: ${f.dev} has no remote endpoint for ${f.target}`;
    default: {
      const never: never = f;
      return never;
    }
  }
}
