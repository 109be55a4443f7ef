// A Kubernetes NetworkPolicy as Felix programs it. Calico's k8s conversion turns it into policy
// `knp.default.<name>` (tier default, order 1000) whose rules are one Allow per protocol × peer,
// with the ports of that protocol together; Felix renders each rule as `... --jump MARK --set-mark
// 0x10000/0x10000` (the accept bit) plus a RETURN on that bit, peers as IP sets of the selected
// pods' addresses (`-m set --match-set cali40s:… src`), ports as `-m multiport`, named ports as
// (ip,port) sets and an ipBlock's except list as a block of rules on the scratch mark bits.
// Sources: projectcalico/calico v3.30.3 libcalico-go/lib/backend/k8s/conversion/conversion.go
// (K8sNetworkPolicyToCalico, k8sRuleToCalico, k8sSelectorToCalico), felix/rules/policy.go
// (PolicyToIptablesChains, ProtoRuleToIptablesRules, CalculateRuleMatch, matchBlockBuilder,
// CombineMatchAndActionsForProtoRule), endpoints.go (PolicyGroup: consecutive policies with one
// selector share a `cali-gi-`/`cali-go-` chain).
// Modelled, not copied: the selector text whose hash names a set is rebuilt from the conversion's
// format, so a set's name has Felix's shape but may not be byte-identical to a real node's.

import { nodeCrypto } from '../../../core/node-crypto';
import type { Chain, IpSet } from '../../kube-proxy';
import type { LabelSelector, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from '../../../kube/network-policy';
import { policyTypesOf } from '../../../kube/network-policy';
import { ipsetName, lengthLimitedId, uniqueId } from './felix-ids';
import { clearMark, felixChain, MARK_ACCEPT, MARK_SCRATCH0, MARK_SCRATCH1, markSet, setMark, type FelixRule } from './felix-rules';

/** A Calico workload endpoint as the selectors see it. */
export interface FelixEndpoint {
  namespace: string;
  ip: string;
  labels: Readonly<Record<string, string>>;
  namespaceLabels: Readonly<Record<string, string>>;
  ports: readonly { name?: string; port: number; protocol: string }[];
}

/** What the policy rendering needs besides the policy: the endpoints its selectors pick. */
export interface PolicyContext {
  endpoints: readonly FelixEndpoint[];
  matches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean;
  /** Sets the rules referenced, by name (filled as rules are rendered). */
  sets: Map<string, IpSet>;
}

export const felixPolicyName = (p: NetworkPolicy) => `${p.metadata.namespace}/knp.default.${p.metadata.name}`;

export function policyChainName(dir: 'ingress' | 'egress', p: NetworkPolicy): string {
  return lengthLimitedId(dir === 'ingress' ? 'cali-pi-' : 'cali-po-', `default/${felixPolicyName(p)}`);
}

export const appliesIn = (p: NetworkPolicy, dir: 'ingress' | 'egress') => policyTypesOf(p.spec).includes(dir === 'ingress' ? 'Ingress' : 'Egress');

function selectorText(s: LabelSelector | undefined, pod: boolean): string {
  const parts = pod ? ["projectcalico.org/orchestrator == 'k8s'"] : [];
  if (!s) return parts.join(' && ');
  if (!pod && !s.matchLabels && !s.matchExpressions?.length) return 'all()';
  for (const k of Object.keys(s.matchLabels ?? {}).sort()) parts.push(`${k} == '${s.matchLabels?.[k]}'`);
  for (const e of s.matchExpressions ?? []) {
    const values = (e.values ?? []).join("', '");
    parts.push(e.operator === 'In' ? `${e.key} in { '${values}' }` : e.operator === 'NotIn' ? `${e.key} not in { '${values}' }` : e.operator === 'Exists' ? `has(${e.key})` : `! has(${e.key})`);
  }
  return parts.join(' && ');
}

/** The set of the endpoints a peer selects, created on first use. */
function peerSet(peer: NetworkPolicyPeer, namespace: string, ctx: PolicyContext): string {
  const ns = peer.namespaceSelector ? `pcns.(${selectorText(peer.namespaceSelector, false)})` : `projectcalico.org/namespace == '${namespace}'`;
  const name = ipsetName(uniqueId('s', `(${ns}) && (${selectorText(peer.podSelector, true)})`));
  if (!ctx.sets.has(name)) {
    const members = ctx.endpoints
      .filter((e) => (peer.namespaceSelector ? ctx.matches(peer.namespaceSelector, e.namespaceLabels) : e.namespace === namespace) && (!peer.podSelector || ctx.matches(peer.podSelector, e.labels)))
      .map((e) => e.ip);
    ctx.sets.set(name, { name, type: 'hash:net', comment: '', maxelem: 1048576, members: [...new Set(members)].sort() });
  }
  return name;
}

/** A named port's (ip,port) set over the policy's own pods. */
function namedPortSet(p: NetworkPolicy, port: string, protocol: string, ctx: PolicyContext): string {
  const name = ipsetName(uniqueId('n', `${selectorText(p.spec.podSelector, true)},${protocol.toLowerCase()},${port}`));
  if (!ctx.sets.has(name)) {
    const members = ctx.endpoints
      .filter((e) => e.namespace === p.metadata.namespace && ctx.matches(p.spec.podSelector, e.labels))
      .flatMap((e) => e.ports.filter((cp) => cp.name === port && cp.protocol === protocol).map((cp) => `${e.ip},${protocol.toLowerCase()}:${cp.port}`));
    ctx.sets.set(name, { name, type: 'hash:ip,port', comment: '', maxelem: 1048576, members: [...new Set(members)].sort() });
  }
  return name;
}

const hex = (n: number) => `0x${n.toString(16)}`;

/** One k8s rule's Felix rules: Allow per protocol × peer (conversion.go k8sRuleToCalico). */
function ruleRules(p: NetworkPolicy, dir: 'ingress' | 'egress', peers: readonly NetworkPolicyPeer[] | undefined, ports: readonly NetworkPolicyPort[] | undefined, ctx: PolicyContext): FelixRule[] {
  const byProtocol = new Map<string, NetworkPolicyPort[] | null>();
  if (!ports?.length) byProtocol.set('', null);
  for (const port of ports ?? []) {
    const proto = port.protocol ?? 'TCP';
    if (port.port === undefined) byProtocol.set(proto, null);
    else if (byProtocol.get(proto) !== null) byProtocol.set(proto, [...(byProtocol.get(proto) ?? []), port]);
  }
  const out: FelixRule[] = [];
  const side = dir === 'ingress' ? 'src' : 'dst';
  const netFlag = dir === 'ingress' ? '--source' : '--destination';
  for (const proto of [...byProtocol.keys()].sort()) {
    const list = byProtocol.get(proto) ?? [];
    const numeric = list.filter((x) => typeof x.port === 'number').map((x) => (x.endPort !== undefined ? `${x.port}:${x.endPort}` : String(x.port)));
    const named = list.filter((x) => typeof x.port === 'string').map((x) => namedPortSet(p, String(x.port), proto, ctx));
    for (const peer of peers?.length ? peers : [undefined]) {
      const block: FelixRule[] = [];
      const match: string[] = proto ? [`-p ${proto.toLowerCase()}`] : [];
      const usesBlock = numeric.length > 15 || (numeric.length > 0 ? 1 : 0) + named.length > 1;
      const except = peer?.ipBlock?.except ?? [];
      if (usesBlock) {
        block.push({ action: `--jump MARK --set-mark 0x0/${hex(MARK_SCRATCH0 | MARK_SCRATCH1)}` });
        for (let i = 0; i < numeric.length; i += 15) block.push({ match: [...match, `-m multiport --destination-ports ${numeric.slice(i, i + 15).join(',')}`], action: setMark(MARK_SCRATCH0) });
        for (const set of named) block.push({ match: [`-m set --match-set ${set} dst,dst`], action: setMark(MARK_SCRATCH0) });
      }
      if (peer?.ipBlock && except.length > 0) {
        if (!usesBlock) block.push({ action: `--jump MARK --set-mark ${hex(MARK_SCRATCH0)}/${hex(MARK_SCRATCH0 | MARK_SCRATCH1)}` });
        for (const cidr of except) block.push({ match: [`${netFlag} ${cidr}`], action: clearMark(MARK_SCRATCH0) });
      }
      if (peer?.ipBlock) match.push(`${netFlag} ${peer.ipBlock.cidr}`);
      else if (peer) match.push(`-m set --match-set ${peerSet(peer, p.metadata.namespace, ctx)} ${side}`);
      if (!usesBlock && numeric.length > 0) match.push(`-m multiport --destination-ports ${numeric.join(',')}`);
      if (!usesBlock && named.length === 1) match.push(`-m set --match-set ${named[0]} dst,dst`);
      if (block.length > 0) match.push(markSet(MARK_SCRATCH0));
      out.push(...block, { match, action: setMark(MARK_ACCEPT) }, { match: [markSet(MARK_ACCEPT)], action: '--jump RETURN' });
    }
  }
  return out;
}

/** The policy's chain for one direction (`cali-pi-…` / `cali-po-…`). */
export function policyChain(p: NetworkPolicy, dir: 'ingress' | 'egress', ctx: PolicyContext): Chain {
  const k8sRules = dir === 'ingress' ? (p.spec.ingress ?? []).map((r) => ruleRules(p, dir, r.from, r.ports, ctx)) : (p.spec.egress ?? []).map((r) => ruleRules(p, dir, r.to, r.ports, ctx));
  const rules = k8sRules.flat();
  // A trailing RETURN does nothing: Felix strips it; the chain's comment goes on its first rule.
  while (rules.length > 0 && rules[rules.length - 1].action === '--jump RETURN') rules.pop();
  const comment = `Policy ${felixPolicyName(p)} ${dir}`;
  if (rules.length === 0) rules.push({ action: '', comments: [comment] });
  else rules[0] = { ...rules[0], comments: [...(rules[0].comments ?? []), comment] };
  return felixChain(policyChainName(dir, p), rules);
}

/** Consecutive policies with one selector share a group chain once there are two or more. */
export function policyGroupChain(policies: readonly NetworkPolicy[], dir: 'ingress' | 'egress'): Chain {
  const h = nodeCrypto().createHash('sha3-224');
  const selector = `${policies[0].metadata.namespace}/${selectorText(policies[0].spec.podSelector, true)}`;
  for (const part of ['default', selector, dir === 'ingress' ? 'inbound' : 'outbound', String(policies.length), ...policies.map(felixPolicyName)]) h.update(`${part}\n`);
  const name = `${dir === 'ingress' ? 'cali-gi-' : 'cali-go-'}${h.digest('base64url').slice(0, 20)}`;
  const rules: FelixRule[] = [];
  policies.forEach((p, i) => {
    if (i !== 0 && i % 5 === 0) rules.push({ match: [`-m mark ! --mark 0/${hex(0x30000)}`], action: '--jump RETURN', comments: ['Return on verdict'] });
    rules.push({ match: i % 5 === 0 ? [] : [`-m mark --mark 0/${hex(0x30000)}`], action: `--jump ${policyChainName(dir, p)}` });
  });
  return felixChain(name, rules);
}

/** Group key: policies group when their selectors (namespace + podSelector) are equal. */
export const selectorKey = (p: NetworkPolicy) => `${p.metadata.namespace}/${selectorText(p.spec.podSelector, true)}`;
