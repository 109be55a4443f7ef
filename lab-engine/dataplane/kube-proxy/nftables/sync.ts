// kube-proxy's nftables mode as a pure function: Services + EndpointSlices + the node → the
// `table ip kube-proxy` its first full sync leaves in the kernel. It follows setupNFTables and
// syncProxyRules in kubernetes/kubernetes pkg/proxy/nftables/proxier.go as of v1.34 (the base
// chains of PR #132456: filter-prerouting-pre-dnat and filter-output-pre-dnat at dstnat-10, the
// filter chains at priority 0; the ClusterIP masquerade rule of PR #131492 without a port match;
// `--nodeport-addresses primary`, nftables mode's default, so NodePorts answer on the node IP).
//
// Ordering: sets and chains in the order kube-proxy creates them (the kernel lists by handle);
// Services in the stable order buildServicePorts gives (Go's map order varies); map elements
// sorted, since the kernel's hash order is not something a learner can predict either.

import { buildServicePorts, categorizeEndpoints, type EndpointInfo, type ServicePortInfo } from '../service-ports';
import type { EndpointSlice, ProxyNode, Service } from '../types';
import { endpointChainBase, servicePortChainBase } from './names';
import { NFT_MASQUERADE_MARK, type NftChain, type NftElement, type NftMatch, type NftRule, type NftSet, type NftStatement, type NftTable, type NftVerdict } from './ruleset';

export interface NftSyncInput {
  services: readonly Service[];
  endpointSlices: readonly EndpointSlice[];
  node: ProxyNode;
  /** The cluster's ServiceCIDRs (the `kubernetes` ServiceCIDR object): unallocated ClusterIPs are dropped. */
  serviceCIDRs: readonly string[];
}

const MARK_MASQ = 'mark-for-masquerade';
const NEW: NftMatch = { kind: 'ct-state-new' };
const jump = (chain: string): NftStatement => ({ kind: 'verdict', verdict: { kind: 'jump', chain } });
const goto = (chain: string): NftVerdict => ({ kind: 'goto', chain });
const rule = (statement: NftStatement, match: NftMatch[] = [], comment?: string): NftRule => ({ match, statement, ...(comment !== undefined ? { comment } : {}) });

/** pkg/proxy/nftables nftablesBaseChains (v1.34), in creation order. */
const BASE_CHAINS: readonly NftChain[] = [
  { name: 'filter-prerouting-pre-dnat', base: { type: 'filter', hook: 'prerouting', priority: -110 }, rules: [rule(jump('firewall-check'), [NEW])] },
  { name: 'filter-output-pre-dnat', base: { type: 'filter', hook: 'output', priority: -110 }, rules: [rule(jump('firewall-check'), [NEW])] },
  { name: 'filter-input', base: { type: 'filter', hook: 'input', priority: 0 }, rules: [rule(jump('nodeport-endpoints-check'), [NEW]), rule(jump('service-endpoints-check'), [NEW])] },
  { name: 'filter-forward', base: { type: 'filter', hook: 'forward', priority: 0 }, rules: [rule(jump('service-endpoints-check'), [NEW]), rule(jump('cluster-ips-check'), [NEW])] },
  { name: 'filter-output', base: { type: 'filter', hook: 'output', priority: 0 }, rules: [rule(jump('service-endpoints-check'), [NEW]), rule(jump('cluster-ips-check'), [NEW])] },
  { name: 'nat-prerouting', base: { type: 'nat', hook: 'prerouting', priority: -100 }, rules: [rule(jump('services'))] },
  { name: 'nat-output', base: { type: 'nat', hook: 'output', priority: -100 }, rules: [rule(jump('services'))] },
  { name: 'nat-postrouting', base: { type: 'nat', hook: 'postrouting', priority: 100 }, rules: [rule(jump('masquerading'))] },
];

function fixedChains(serviceCIDRs: readonly string[]): NftChain[] {
  const clusterIpsCheck: NftRule[] = [rule({ kind: 'reject' }, [{ kind: 'addr-in-set', field: 'daddr', set: 'cluster-ips' }], 'Reject traffic to invalid ports of ClusterIPs')];
  if (serviceCIDRs.length > 0) clusterIpsCheck.push(rule({ kind: 'verdict', verdict: { kind: 'drop' } }, [{ kind: 'addr-in', field: 'daddr', negate: false, values: serviceCIDRs }], 'Drop traffic to unallocated ClusterIPs'));
  return [
    { name: 'nodeport-endpoints-check', rules: [rule({ kind: 'vmap', key: 'l4proto.dport', map: 'no-endpoint-nodeports' }, [{ kind: 'addr-in-set', field: 'daddr', set: 'nodeport-ips' }])] },
    { name: 'service-endpoints-check', rules: [rule({ kind: 'vmap', key: 'daddr.l4proto.dport', map: 'no-endpoint-services' })] },
    { name: 'firewall-check', rules: [rule({ kind: 'vmap', key: 'daddr.l4proto.dport', map: 'firewall-ips' })] },
    {
      name: 'services',
      rules: [rule({ kind: 'vmap', key: 'daddr.l4proto.dport', map: 'service-ips' }), rule({ kind: 'vmap', key: 'l4proto.dport', map: 'service-nodeports' }, [{ kind: 'addr-in-set', field: 'daddr', set: 'nodeport-ips' }])],
    },
    { name: 'masquerading', rules: [rule({ kind: 'verdict', verdict: { kind: 'return' } }, [{ kind: 'mark-clear', mask: NFT_MASQUERADE_MARK }]), rule({ kind: 'mark-xor', mark: NFT_MASQUERADE_MARK }), rule({ kind: 'masquerade', fullyRandom: true })] },
    { name: 'cluster-ips-check', rules: clusterIpsCheck },
    { name: MARK_MASQ, rules: [rule({ kind: 'mark-or', mark: NFT_MASQUERADE_MARK })] },
    { name: 'reject-chain', comment: 'helper for @no-endpoint-services / @no-endpoint-nodeports', rules: [rule({ kind: 'reject' })] },
  ];
}

const ADDR_PROTO_PORT = 'ipv4_addr . inet_proto . inet_service : verdict';
const PROTO_PORT = 'inet_proto . inet_service : verdict';

function fixedSets(nodeIP: string): NftSet[] {
  return [
    { kind: 'set', name: 'cluster-ips', type: 'ipv4_addr', comment: 'Active ClusterIPs', elements: [] },
    { kind: 'set', name: 'nodeport-ips', type: 'ipv4_addr', comment: 'IPs that accept NodePort traffic', elements: nodeIP ? [{ key: [nodeIP] }] : [] },
    { kind: 'map', name: 'no-endpoint-services', type: ADDR_PROTO_PORT, comment: 'vmap to drop or reject packets to services with no endpoints', elements: [] },
    { kind: 'map', name: 'no-endpoint-nodeports', type: PROTO_PORT, comment: 'vmap to drop or reject packets to service nodeports with no endpoints', elements: [] },
    { kind: 'map', name: 'firewall-ips', type: ADDR_PROTO_PORT, comment: 'destinations that are subject to LoadBalancerSourceRanges', elements: [] },
    { kind: 'map', name: 'service-ips', type: ADDR_PROTO_PORT, comment: 'ClusterIP, ExternalIP and LoadBalancer IP traffic', elements: [] },
    { kind: 'map', name: 'service-nodeports', type: PROTO_PORT, comment: 'NodePort traffic', elements: [] },
  ];
}

/** The whole `table ip kube-proxy` after a full sync. */
export function syncNftables(input: NftSyncInput): NftTable {
  const sets = fixedSets(input.node.nodeIP);
  const byName = new Map(sets.map((s) => [s.name, s]));
  // A set holds each key once (a Service's ports share its ClusterIP in @cluster-ips).
  const el = (set: string, e: NftElement) => {
    const s = byName.get(set);
    const key = e.key.join(' . ');
    if (s && !s.elements.some((x) => x.key.join(' . ') === key)) s.elements.push(e);
  };
  const chains: NftChain[] = [...BASE_CHAINS.map((c) => ({ ...c, rules: [...c.rules] })), ...fixedChains(input.serviceCIDRs)];
  const affinitySets: NftSet[] = [];

  for (const sp of buildServicePorts(input.services, input.endpointSlices, input.node)) {
    writeServicePort(sp, input.node, el, chains, affinitySets);
  }
  for (const s of sets) s.elements.sort(compareElements);
  return { family: 'ip', name: 'kube-proxy', comment: 'rules for kube-proxy', sets: [...sets, ...affinitySets], chains };
}

type AddElement = (set: string, e: NftElement) => void;

function writeServicePort(sp: ServicePortInfo, node: ProxyNode, el: AddElement, chains: NftChain[], affinitySets: NftSet[]): void {
  const { clusterEndpoints, localEndpoints, allReachable, hasEndpoints } = categorizeEndpoints(sp);
  const base = servicePortChainBase(sp.namespace, sp.name, sp.proto, sp.portName);
  const clusterChain = `service-${base}`;
  const localChain = `local-${base}`;
  const externalChain = `external-${base}`;
  const fwChain = `firewall-${base}`;
  const epChain = (e: EndpointInfo) => `endpoint-${endpointChainBase(sp.namespace, sp.name, sp.proto, sp.portName, e.ip, e.port)}`;
  const affinitySet = (e: EndpointInfo) => `affinity-${endpointChainBase(sp.namespace, sp.name, sp.proto, sp.portName, e.ip, e.port)}`;

  const hasInternal = hasEndpoints && (!sp.internalPolicyLocal || localEndpoints.length > 0);
  const hasExternal = hasEndpoints && (!sp.externalPolicyLocal || localEndpoints.length > 0);
  const internalChain = sp.internalPolicyLocal ? localChain : clusterChain;
  const externalPolicyChain = sp.externalPolicyLocal ? localChain : clusterChain;
  const internalVerdict: NftVerdict = hasEndpoints ? { kind: 'drop' } : goto('reject-chain');
  const externalVerdict = internalVerdict;
  const key = (ip: string) => [ip, sp.proto, String(sp.port)];
  const comment = sp.nameString;

  el('cluster-ips', { key: [sp.clusterIP] });
  if (hasInternal) el('service-ips', { key: key(sp.clusterIP), value: goto(internalChain) });
  else el('no-endpoint-services', { key: key(sp.clusterIP), value: internalVerdict, comment });
  for (const ip of sp.externalIPs) {
    if (hasEndpoints) el('service-ips', { key: key(ip), value: goto(externalChain) });
    if (!hasExternal) el('no-endpoint-services', { key: key(ip), value: externalVerdict, comment });
  }
  const usesFw = sp.loadBalancerVIPs.length > 0 && sp.loadBalancerSourceRanges.length > 0;
  for (const ip of sp.loadBalancerVIPs) {
    if (hasEndpoints) el('service-ips', { key: key(ip), value: goto(externalChain) });
    if (usesFw) el('firewall-ips', { key: key(ip), value: goto(fwChain) });
    if (!hasExternal) el('no-endpoint-services', { key: key(ip), value: externalVerdict, comment });
  }
  if (sp.nodePort) {
    if (hasEndpoints) el('service-nodeports', { key: [sp.proto, String(sp.nodePort)], value: goto(externalChain) });
    if (!hasExternal) el('no-endpoint-nodeports', { key: [sp.proto, String(sp.nodePort)], value: externalVerdict, comment });
  }

  // Chains, in the order ensureChain creates them: endpoints, then the policy chains.
  const made = new Map<string, NftChain>();
  const ensure = (name: string) => {
    let c = made.get(name);
    if (!c) made.set(name, (c = { name, rules: [] }));
    return c;
  };
  for (const e of allReachable) ensure(epChain(e));
  const usesCluster = clusterEndpoints.length > 0 && (!sp.internalPolicyLocal || (sp.externallyAccessible && !sp.externalPolicyLocal));
  const usesLocal = localEndpoints.length > 0 && (sp.internalPolicyLocal || sp.externalPolicyLocal);
  if (usesCluster) ensure(clusterChain);
  if (usesLocal) ensure(localChain);
  const usesExternal = hasEndpoints && sp.externallyAccessible;
  if (usesExternal) ensure(externalChain);
  if (usesFw) ensure(fwChain);

  if (hasInternal) {
    const masq: NftMatch[] = [{ kind: 'daddr', negate: false, value: sp.clusterIP }];
    if (!node.masqueradeAll) masq.push({ kind: 'saddr', negate: true, value: node.clusterCIDR });
    ensure(internalChain).rules.push(rule(jump(MARK_MASQ), masq));
  }
  if (usesExternal) {
    const ext = ensure(externalChain).rules;
    if (!sp.externalPolicyLocal) ext.push(rule(jump(MARK_MASQ)));
    else {
      ext.push(rule({ kind: 'verdict', verdict: goto(clusterChain) }, [{ kind: 'saddr', negate: false, value: node.clusterCIDR }], 'short-circuit pod traffic'));
      ext.push(rule(jump(MARK_MASQ), [{ kind: 'fib-saddr-local' }], 'masquerade local traffic'));
      ext.push(rule({ kind: 'verdict', verdict: goto(clusterChain) }, [{ kind: 'fib-saddr-local' }], 'short-circuit local traffic'));
    }
    if (hasExternal) ext.push(rule({ kind: 'verdict', verdict: goto(externalPolicyChain) }));
  }
  if (usesFw) {
    const sources = [...sp.loadBalancerSourceRanges];
    ensure(fwChain).rules.push(rule({ kind: 'verdict', verdict: { kind: 'drop' } }, [{ kind: 'addr-in', field: 'saddr', negate: true, values: sources }]));
  }
  const affinity = sp.sessionAffinitySeconds !== undefined;
  if (affinity) for (const e of allReachable) affinitySets.push({ kind: 'set', name: affinitySet(e), type: 'ipv4_addr', flags: ['dynamic', 'timeout'], timeout: sp.sessionAffinitySeconds, elements: [] });
  const toEndpoints = (chain: string, eps: readonly EndpointInfo[]) => {
    const rules = ensure(chain).rules;
    if (affinity) for (const e of eps) rules.push(rule({ kind: 'verdict', verdict: goto(epChain(e)) }, [{ kind: 'addr-in-set', field: 'saddr', set: affinitySet(e) }]));
    rules.push(rule({ kind: 'numgen', targets: eps.map(epChain) }));
  };
  if (usesCluster) toEndpoints(clusterChain, clusterEndpoints);
  if (usesLocal) toEndpoints(localChain, localEndpoints);
  for (const e of allReachable) {
    const rules = ensure(epChain(e)).rules;
    rules.push(rule(jump(MARK_MASQ), [{ kind: 'saddr', negate: false, value: e.ip }]));
    if (affinity) rules.push(rule({ kind: 'update-set', set: affinitySet(e) }));
    rules.push(rule({ kind: 'dnat', proto: sp.proto, ip: e.ip, port: e.port }));
  }
  chains.push(...made.values());
}

function compareElements(a: NftElement, b: NftElement): number {
  const ka = a.key.join(' . ');
  const kb = b.key.join(' . ');
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
