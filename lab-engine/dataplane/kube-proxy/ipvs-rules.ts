// kube-proxy's IPVS mode, iptables half: the constant-size nat and filter rules the IPVS proxier
// hands to iptables-restore (kubernetes/kubernetes pkg/proxy/ipvs/proxier.go v1.34:
// writeIptablesRules, acceptIPVSTraffic, createAndLinkKubeChain's `iptablesChains`), with the ipsets
// (ipsets.ts) carrying the per-Service data. The rule count does not grow with Services: a new
// Service is a new set member, not a new rule — the lesson next to iptables mode's O(n) chains.
//
// Rules are emitted in the payload's order: the 127.0.0.0/8 RETURN, then one rule per non-empty set
// of `ipsetWithIptablesChain`, the KUBE-CLUSTER-IP masquerade rule, external-IP rules, the
// KUBE-NODE-PORT jump, KUBE-LOAD-BALANCER's mark, KUBE-SOURCE-RANGES-FIREWALL's DROP, the
// node-access drops for load balancers, the ACCEPTs for IPVS traffic, KUBE-FORWARD, the health-check
// rule, KUBE-IPVS-FILTER, KUBE-POSTROUTING and KUBE-MARK-MASQ.

import { lazyRule } from './netfilter/parse-rule';
import type { Chain } from './netfilter/rule';
import type { NodeIpsets } from './ipsets';
import { MASQUERADE_MARK, type ProxyNode } from './types';

/** `iptablesChains`: the chains the IPVS proxier ensures, per table. */
export const IPVS_NAT_CHAINS = ['KUBE-SERVICES', 'KUBE-POSTROUTING', 'KUBE-NODE-PORT', 'KUBE-LOAD-BALANCER', 'KUBE-MARK-MASQ'] as const;
export const IPVS_FILTER_CHAINS = ['KUBE-FORWARD', 'KUBE-NODE-PORT', 'KUBE-PROXY-FIREWALL', 'KUBE-SOURCE-RANGES-FIREWALL', 'KUBE-IPVS-FILTER', 'KUBE-IPVS-OUT-FILTER'] as const;

export interface IpvsIptables {
  filter: Chain[];
  nat: Chain[];
}

/** `ipsetWithIptablesChain`: one rule per non-empty set, in this order (the LOCAL sets before the others). */
const SET_JUMPS: readonly { set: string; table: 'nat' | 'filter'; from: string; to: string; flags: string; proto?: string }[] = [
  { set: 'KUBE-LOOP-BACK', table: 'nat', from: 'KUBE-POSTROUTING', to: 'MASQUERADE', flags: 'dst,dst,src' },
  { set: 'KUBE-LOAD-BALANCER', table: 'nat', from: 'KUBE-SERVICES', to: 'KUBE-LOAD-BALANCER', flags: 'dst,dst' },
  { set: 'KUBE-LOAD-BALANCER-LOCAL', table: 'nat', from: 'KUBE-LOAD-BALANCER', to: 'RETURN', flags: 'dst,dst' },
  { set: 'KUBE-NODE-PORT-LOCAL-TCP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', flags: 'dst', proto: 'tcp' },
  { set: 'KUBE-NODE-PORT-TCP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', flags: 'dst', proto: 'tcp' },
  { set: 'KUBE-NODE-PORT-LOCAL-UDP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', flags: 'dst', proto: 'udp' },
  { set: 'KUBE-NODE-PORT-UDP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', flags: 'dst', proto: 'udp' },
  { set: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', flags: 'dst,dst', proto: 'sctp' },
  { set: 'KUBE-NODE-PORT-SCTP-HASH', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', flags: 'dst,dst', proto: 'sctp' },
  { set: 'KUBE-LOAD-BALANCER-FW', table: 'filter', from: 'KUBE-PROXY-FIREWALL', to: 'KUBE-SOURCE-RANGES-FIREWALL', flags: 'dst,dst' },
  { set: 'KUBE-LOAD-BALANCER-SOURCE-CIDR', table: 'filter', from: 'KUBE-SOURCE-RANGES-FIREWALL', to: 'RETURN', flags: 'dst,dst,src' },
  { set: 'KUBE-LOAD-BALANCER-SOURCE-IP', table: 'filter', from: 'KUBE-SOURCE-RANGES-FIREWALL', to: 'RETURN', flags: 'dst,dst,src' },
];

class Tables {
  readonly nat = new Map<string, Chain>(IPVS_NAT_CHAINS.map((n) => [n, { name: n, rules: [] }]));
  readonly filter = new Map<string, Chain>(IPVS_FILTER_CHAINS.map((n) => [n, { name: n, rules: [] }]));
  add(table: 'nat' | 'filter', chain: string, ...parts: (string | readonly string[])[]): void {
    const args = parts.flatMap((p) => (typeof p === 'string' ? [p] : [...p]));
    this[table].get(chain)!.rules.push(lazyRule(chain, args));
  }
}

const comment = (text: string) => ['-m', 'comment', '--comment', text];
const matchSet = (name: string, flags: string) => ['-m', 'set', '--match-set', name, flags];

export function syncIpvsIptablesRules(node: ProxyNode, ipsets: NodeIpsets): IpvsIptables {
  const t = new Tables();
  const set = (name: string) => ipsets.byName.get(name)!;
  const nonEmpty = (name: string) => set(name).members.length > 0;
  const mark = `${MASQUERADE_MARK}/${MASQUERADE_MARK}`;

  // Dismiss connections to localhost early in the service chain.
  t.add('nat', 'KUBE-SERVICES', '-s', '127.0.0.0/8', '-j', 'RETURN');

  for (const j of SET_JUMPS) {
    if (!nonEmpty(j.set)) continue;
    t.add(j.table, j.from, j.proto ? ['-p', j.proto] : [], comment(set(j.set).comment), matchSet(j.set, j.flags), '-j', j.to);
  }

  if (nonEmpty('KUBE-CLUSTER-IP')) {
    const head = [comment(set('KUBE-CLUSTER-IP').comment), matchSet('KUBE-CLUSTER-IP', 'dst,dst')].flat();
    // Off-cluster clients of a ClusterIP (a static route to the Service range) must come back through this node.
    if (node.masqueradeAll) t.add('nat', 'KUBE-SERVICES', head, '-j', 'KUBE-MARK-MASQ');
    else t.add('nat', 'KUBE-SERVICES', head, '!', '-s', node.clusterCIDR, '-j', 'KUBE-MARK-MASQ');
  }

  // Traffic to external IPs from off the machine, or to ones that happen to be local, stays with IPVS.
  const externalIPRules = (args: readonly string[]) => {
    t.add('nat', 'KUBE-SERVICES', args, '-m', 'physdev', '!', '--physdev-is-in', '-m', 'addrtype', '!', '--src-type', 'LOCAL', '-j', 'ACCEPT');
    t.add('nat', 'KUBE-SERVICES', args, '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'ACCEPT');
  };
  if (nonEmpty('KUBE-EXTERNAL-IP')) {
    const args = [comment(set('KUBE-EXTERNAL-IP').comment), matchSet('KUBE-EXTERNAL-IP', 'dst,dst')].flat();
    t.add('nat', 'KUBE-SERVICES', args, '-j', 'KUBE-MARK-MASQ');
    externalIPRules(args);
  }
  if (nonEmpty('KUBE-EXTERNAL-IP-LOCAL')) externalIPRules([comment(set('KUBE-EXTERNAL-IP-LOCAL').comment), matchSet('KUBE-EXTERNAL-IP-LOCAL', 'dst,dst')].flat());

  t.add('nat', 'KUBE-SERVICES', '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'KUBE-NODE-PORT');
  t.add('nat', 'KUBE-LOAD-BALANCER', '-j', 'KUBE-MARK-MASQ');
  t.add('filter', 'KUBE-SOURCE-RANGES-FIREWALL', '-j', 'DROP');
  // The node reaching a load balancer whose sourceRanges exclude it: IPVS sees the VIP as source and destination.
  for (const e of ipsets.lbNoNodeAccess) {
    t.add('filter', 'KUBE-IPVS-OUT-FILTER', '-s', e.ip, '-m', 'ipvs', '--vaddr', e.ip, '--vproto', e.proto, '--vport', String(e.port), '-j', 'DROP');
  }
  // acceptIPVSTraffic: must stay last in KUBE-SERVICES.
  for (const name of ['KUBE-CLUSTER-IP', 'KUBE-LOAD-BALANCER']) {
    if (nonEmpty(name)) t.add('nat', 'KUBE-SERVICES', matchSet(name, set(name).type === 'bitmap:port' ? 'dst' : 'dst,dst'), '-j', 'ACCEPT');
  }

  t.add('filter', 'KUBE-FORWARD', comment('kubernetes forwarding rules'), '-m', 'mark', '--mark', mark, '-j', 'ACCEPT');
  t.add('filter', 'KUBE-FORWARD', comment('kubernetes forwarding conntrack rule'), '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT');
  t.add('filter', 'KUBE-NODE-PORT', comment(set('KUBE-HEALTH-CHECK-NODE-PORT').comment), matchSet('KUBE-HEALTH-CHECK-NODE-PORT', 'dst'), '-j', 'ACCEPT');

  // kubernetes#72236: no host port is reachable through a Service address (written unconditionally).
  for (const [name, flags] of [['KUBE-LOAD-BALANCER', 'dst,dst'], ['KUBE-CLUSTER-IP', 'dst,dst'], ['KUBE-EXTERNAL-IP', 'dst,dst'], ['KUBE-EXTERNAL-IP-LOCAL', 'dst,dst'], ['KUBE-HEALTH-CHECK-NODE-PORT', 'dst']]) {
    t.add('filter', 'KUBE-IPVS-FILTER', matchSet(name, flags), '-j', 'RETURN');
  }
  // No protocol in this rule: an ICMP echo to a ClusterIP is a NEW connection too, and is rejected.
  t.add('filter', 'KUBE-IPVS-FILTER', '-m', 'conntrack', '--ctstate', 'NEW', matchSet('KUBE-IPVS-IPS', 'dst'), '-j', 'REJECT');

  t.add('nat', 'KUBE-POSTROUTING', '-m', 'mark', '!', '--mark', mark, '-j', 'RETURN');
  // Clear the mark so a packet re-traversing the stack is not masqueraded twice.
  t.add('nat', 'KUBE-POSTROUTING', '-j', 'MARK', '--xor-mark', MASQUERADE_MARK);
  t.add('nat', 'KUBE-POSTROUTING', comment('kubernetes service traffic requiring SNAT'), '-j', 'MASQUERADE', ...(node.randomFully ? ['--random-fully'] : []));
  t.add('nat', 'KUBE-MARK-MASQ', '-j', 'MARK', '--or-mark', MASQUERADE_MARK);

  return { filter: [...t.filter.values()], nat: [...t.nat.values()] };
}
