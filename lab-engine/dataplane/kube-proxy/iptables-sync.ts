// kube-proxy's iptables mode as a pure function: Services + EndpointSlices + the node → the
// chains and rules kube-proxy hands to iptables-restore for the filter and nat tables. It follows
// syncProxyRules in kubernetes/kubernetes pkg/proxy/iptables/proxier.go (v1.34): the same chains,
// the same argument order, the same comments, so the output matches upstream's own test
// expectations (proxier_test.go; GROUND-TRUTH §2.3) byte for byte.
//
// Ordering: Go iterates Services in map order, so a real restore payload's order varies; upstream's
// tests normalise it with sortIPTablesRules. This writer emits that normalised order directly
// (KUBE-NODEPORTS, KUBE-SERVICES, then KUBE-* chains alphabetically; KUBE-SERVICES rules by service
// name, the nodeports rule last), so the same inputs always give the same tables.

import { kubeProxyProbability } from './probability';
import { lazyRule } from './netfilter/parse-rule';
import type { Chain, Rule } from './netfilter/rule';
import { buildServicePorts, categorizeEndpoints, type EndpointInfo, type ServicePortInfo } from './service-ports';
import { MASQUERADE_MARK, type EndpointSlice, type ProxyNode, type Service } from './types';
import { parseIPv4, parseIpv4Cidr, cidrContains } from '../../kube/ipv4';

export interface KubeProxyInput {
  services: readonly Service[];
  endpointSlices: readonly EndpointSlice[];
  node: ProxyNode;
}

/** kube-proxy's own chains per table, in upstream's normalised order. */
export interface KubeProxyTables {
  filter: Chain[];
  nat: Chain[];
  servicePorts: ServicePortInfo[];
}

const FILTER_CHAINS = ['KUBE-NODEPORTS', 'KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL', 'KUBE-FORWARD', 'KUBE-PROXY-FIREWALL'];

class ChainSet {
  private readonly chains = new Map<string, Chain>();
  constructor(fixed: readonly string[]) {
    for (const name of fixed) this.ensure(name);
  }
  ensure(name: string): Chain {
    let c = this.chains.get(name);
    if (!c) {
      c = { name, rules: [] };
      this.chains.set(name, c);
    }
    return c;
  }
  add(chain: string, ...parts: (string | readonly string[])[]): Rule {
    const args: string[] = [];
    for (const part of parts) {
      if (typeof part === 'string') args.push(part);
      else for (const a of part) args.push(a);
    }
    const rule = lazyRule(chain, args);
    this.ensure(chain).rules.push(rule);
    return rule;
  }
  /** upstream sortIPTablesRules' chain order: KUBE-NODEPORTS, KUBE-SERVICES, then by name. */
  sorted(): Chain[] {
    const first = ['KUBE-NODEPORTS', 'KUBE-SERVICES'];
    // Plain string sort of the names (no comparator) is the fast path at 60,000 chains.
    const rest = [...this.chains.keys()].filter((n) => !first.includes(n)).sort();
    return [...first, ...rest].map((n) => this.chains.get(n) as Chain);
  }
  /** Filter-table order is fixed (it is what upstream's expectations list). */
  inOrder(): Chain[] {
    return [...this.chains.values()];
  }
}

/** A comment argument as kube-proxy writes it: quoted when it holds a space. */
function comment(text: string): string[] {
  return ['-m', 'comment', '--comment', text];
}

export function syncIptablesRules(input: KubeProxyInput): KubeProxyTables {
  const { node } = input;
  const filter = new ChainSet(FILTER_CHAINS);
  const nat = new ChainSet(['KUBE-NODEPORTS', 'KUBE-SERVICES', 'KUBE-MARK-MASQ', 'KUBE-POSTROUTING']);
  const servicePorts = buildServicePorts(input.services, input.endpointSlices, node);
  const localDetector = { ifLocal: ['-s', node.clusterCIDR], ifNotLocal: ['!', '-s', node.clusterCIDR] };

  // Fixed rules (proxier.go writeIptablesRules / syncProxyRules preamble).
  filter.add('KUBE-FIREWALL', comment('block incoming localnet connections'), '-d', '127.0.0.0/8', '!', '-s', '127.0.0.0/8', '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP');
  filter.add('KUBE-FORWARD', '-m', 'conntrack', '--ctstate', 'INVALID', ...(node.nfacct ? ['-m', 'nfacct', '--nfacct-name', 'ct_state_invalid_dropped_pkts'] : []), '-j', 'DROP');
  filter.add('KUBE-FORWARD', comment('kubernetes forwarding rules'), '-m', 'mark', '--mark', `${MASQUERADE_MARK}/${MASQUERADE_MARK}`, '-j', 'ACCEPT');
  filter.add('KUBE-FORWARD', comment('kubernetes forwarding conntrack rule'), '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT');
  nat.add('KUBE-MARK-MASQ', '-j', 'MARK', '--or-mark', MASQUERADE_MARK);
  nat.add('KUBE-POSTROUTING', '-m', 'mark', '!', '--mark', `${MASQUERADE_MARK}/${MASQUERADE_MARK}`, '-j', 'RETURN');
  // Clear the mark so a packet re-traversing the stack is not masqueraded again.
  nat.add('KUBE-POSTROUTING', '-j', 'MARK', '--xor-mark', MASQUERADE_MARK);
  nat.add('KUBE-POSTROUTING', comment('kubernetes service traffic requiring SNAT'), '-j', 'MASQUERADE', ...(node.randomFully ? ['--random-fully'] : []));

  for (const sp of servicePorts) writeServicePort(sp, node, filter, nat, localDetector);

  // The nodeports jump must stay last in KUBE-SERVICES: it matches every local destination.
  nat.add('KUBE-SERVICES', comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'KUBE-NODEPORTS');

  return { filter: filter.inOrder(), nat: nat.sorted(), servicePorts };
}

function writeServicePort(sp: ServicePortInfo, node: ProxyNode, filter: ChainSet, nat: ChainSet, localDetector: { ifLocal: string[]; ifNotLocal: string[] }): void {
  const { clusterEndpoints, localEndpoints, allReachable, hasEndpoints } = categorizeEndpoints(sp);
  const name = sp.nameString;
  const proto = sp.proto;
  const l4 = ['-m', proto, '-p', proto];
  const internalPolicyChain = sp.internalPolicyLocal ? sp.localChain : sp.clusterChain;
  const externalPolicyChain = sp.externalPolicyLocal ? sp.localChain : sp.clusterChain;
  const hasInternalEndpoints = sp.internalPolicyLocal ? localEndpoints.length > 0 : hasEndpoints;
  const hasExternalEndpoints = sp.externalPolicyLocal ? localEndpoints.length > 0 : hasEndpoints;
  const usesExternalTrafficChain = hasEndpoints && sp.externallyAccessible;
  const usesFWChain = hasEndpoints && sp.loadBalancerVIPs.length > 0 && sp.loadBalancerSourceRanges.length > 0;
  const loadBalancerTrafficChain = usesFWChain ? sp.firewallChain : sp.externalChain;

  let internalFilterTarget = '';
  let internalFilterComment = '';
  let externalFilterTarget = '';
  let externalFilterComment = '';
  if (!hasEndpoints) {
    // No endpoints at all: no nat chains, only filter rules that refuse the connection.
    internalFilterTarget = externalFilterTarget = 'REJECT';
    internalFilterComment = externalFilterComment = `${name} has no endpoints`;
  } else {
    if (!hasInternalEndpoints) {
      internalFilterTarget = 'DROP';
      internalFilterComment = `${name} has no local endpoints`;
    }
    if (!hasExternalEndpoints) {
      externalFilterTarget = 'DROP';
      externalFilterComment = `${name} has no local endpoints`;
    }
  }

  const port = String(sp.port);
  // Capture the clusterIP.
  if (hasInternalEndpoints) {
    nat.add('KUBE-SERVICES', comment(`${name} cluster IP`), l4, '-d', sp.clusterIP, '--dport', port, '-j', internalPolicyChain);
  } else {
    filter.add('KUBE-SERVICES', comment(internalFilterComment), l4, '-d', sp.clusterIP, '--dport', port, '-j', internalFilterTarget);
  }
  // Capture externalIPs.
  for (const ip of sp.externalIPs) {
    if (hasEndpoints) nat.add('KUBE-SERVICES', comment(`${name} external IP`), l4, '-d', ip, '--dport', port, '-j', sp.externalChain);
    if (!hasExternalEndpoints) filter.add('KUBE-EXTERNAL-SERVICES', comment(externalFilterComment), l4, '-d', ip, '--dport', port, '-j', externalFilterTarget);
  }
  // Capture load-balancer ingress.
  for (const ip of sp.loadBalancerVIPs) {
    if (hasEndpoints) nat.add('KUBE-SERVICES', comment(`${name} loadbalancer IP`), l4, '-d', ip, '--dport', port, '-j', loadBalancerTrafficChain);
    if (usesFWChain) filter.add('KUBE-PROXY-FIREWALL', comment(`${name} traffic not accepted by ${sp.firewallChain}`), l4, '-d', ip, '--dport', port, '-j', 'DROP');
  }
  if (!hasExternalEndpoints) {
    for (const ip of sp.loadBalancerVIPs) filter.add('KUBE-EXTERNAL-SERVICES', comment(externalFilterComment), l4, '-d', ip, '--dport', port, '-j', externalFilterTarget);
  }
  // Capture nodeports.
  if (sp.nodePort !== undefined) {
    const nodePort = String(sp.nodePort);
    if (hasEndpoints) {
      // route_localnet lets `curl 127.0.0.1:<nodePort>` work; counted when nfacct exists (and only then written).
      if ((node.localhostNodePorts ?? true) && node.nfacct) {
        nat.add('KUBE-NODEPORTS', comment(name), l4, '-d', '127.0.0.0/8', '--dport', nodePort, '-m', 'nfacct', '--nfacct-name', 'localhost_nps_accepted_pkts', '-j', sp.externalChain);
      }
      nat.add('KUBE-NODEPORTS', comment(name), l4, '--dport', nodePort, '-j', sp.externalChain);
    }
    if (!hasExternalEndpoints) filter.add('KUBE-EXTERNAL-SERVICES', comment(externalFilterComment), '-m', 'addrtype', '--dst-type', 'LOCAL', l4, '--dport', nodePort, '-j', externalFilterTarget);
  }
  // Health-check node port: always accepted, endpoints or not.
  if (sp.healthCheckNodePort !== undefined) {
    filter.add('KUBE-NODEPORTS', comment(`${name} health check node port`), '-m', 'tcp', '-p', 'tcp', '--dport', String(sp.healthCheckNodePort), '-j', 'ACCEPT');
  }

  // Internal traffic: masquerade what comes from outside the pod network (or everything).
  if (hasInternalEndpoints) {
    const args = [comment(`${name} cluster IP`), l4, '-d', sp.clusterIP, '--dport', port].flat();
    if (node.masqueradeAll) nat.add(internalPolicyChain, args, '-j', 'KUBE-MARK-MASQ');
    else nat.add(internalPolicyChain, args, localDetector.ifNotLocal, '-j', 'KUBE-MARK-MASQ');
  }

  // External traffic: everything captured for NodePort / externalIP / LB goes to KUBE-EXT-.
  if (usesExternalTrafficChain) {
    nat.ensure(sp.externalChain);
    if (!sp.externalPolicyLocal) {
      // Endpoints may be on other nodes: masquerade so replies come back through this node.
      nat.add(sp.externalChain, comment(`masquerade traffic for ${name} external destinations`), '-j', 'KUBE-MARK-MASQ');
    } else {
      // Local policy keeps the client IP, except for pods and the node itself, which behave as if
      // they went out to the load balancer and back in (GROUND-TRUTH §7).
      nat.add(sp.externalChain, comment(`pod traffic for ${name} external destinations`), localDetector.ifLocal, '-j', sp.clusterChain);
      nat.add(sp.externalChain, comment(`masquerade LOCAL traffic for ${name} external destinations`), '-m', 'addrtype', '--src-type', 'LOCAL', '-j', 'KUBE-MARK-MASQ');
      nat.add(sp.externalChain, comment(`route LOCAL traffic for ${name} external destinations`), '-m', 'addrtype', '--src-type', 'LOCAL', '-j', sp.clusterChain);
    }
    if (hasExternalEndpoints) nat.add(sp.externalChain, '-j', externalPolicyChain);
  }

  // loadBalancerSourceRanges.
  if (usesFWChain) {
    nat.ensure(sp.firewallChain);
    const nodeIP = parseIPv4(node.nodeIP);
    let allowFromNode = false;
    for (const cidr of sp.loadBalancerSourceRanges) {
      nat.add(sp.firewallChain, comment(`${name} loadbalancer IP`), '-s', cidr, '-j', sp.externalChain);
      const parsed = parseIpv4Cidr(cidr);
      if (parsed && nodeIP !== undefined && cidrContains(parsed, nodeIP)) allowFromNode = true;
    }
    // A node reaching its own LB VIP loops back with the VIP as source.
    if (allowFromNode) for (const ip of sp.loadBalancerVIPs) nat.add(sp.firewallChain, comment(`${name} loadbalancer IP`), '-s', ip, '-j', sp.externalChain);
    nat.add(sp.firewallChain, comment(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`));
  }

  // categorizeEndpoints leaves a list empty when the policy does not use it.
  if (clusterEndpoints.length > 0) writeServiceToEndpointRules(nat, sp, sp.clusterChain, clusterEndpoints);
  if (localEndpoints.length > 0) writeServiceToEndpointRules(nat, sp, sp.localChain, localEndpoints);

  // One chain per endpoint: hairpin masquerade, affinity bookkeeping, DNAT.
  for (const ep of allReachable) {
    nat.ensure(ep.chainName);
    nat.add(ep.chainName, comment(name), '-s', ep.ip, '-j', 'KUBE-MARK-MASQ');
    const affinity = sp.sessionAffinitySeconds !== undefined ? ['-m', 'recent', '--name', ep.chainName, '--set'] : [];
    nat.add(ep.chainName, comment(name), affinity, l4, '-j', 'DNAT', '--to-destination', ep.address);
  }
}

function writeServiceToEndpointRules(nat: ChainSet, sp: ServicePortInfo, chain: string, endpoints: readonly EndpointInfo[]): void {
  nat.ensure(chain);
  if (sp.sessionAffinitySeconds !== undefined) {
    for (const ep of endpoints) {
      nat.add(chain, comment(`${sp.nameString} -> ${ep.address}`), '-m', 'recent', '--name', ep.chainName, '--rcheck', '--seconds', String(sp.sessionAffinitySeconds), '--reap', '-j', ep.chainName);
    }
  }
  endpoints.forEach((ep, i) => {
    const statistic = i < endpoints.length - 1 ? ['-m', 'statistic', '--mode', 'random', '--probability', kubeProxyProbability(endpoints.length - i)] : [];
    nat.add(chain, comment(`${sp.nameString} -> ${ep.address}`), statistic, '-j', ep.chainName);
  });
}
