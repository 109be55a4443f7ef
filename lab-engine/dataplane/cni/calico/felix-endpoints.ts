// Felix's per-workload chains on one node: the dispatch chains that send a packet by its cali*
// interface to the workload's own chain (`cali-from-wl-dispatch` → `--goto cali-fw-<iface>` for
// what a pod sends, `cali-to-wl-dispatch` → `cali-tw-<iface>` for what it receives), and those
// chains: conntrack first, then the default tier's policies (a jump per policy, `Return if policy
// accepted`, `End of tier default. Drop if no policies passed packet`), then the pod's profiles
// (`kns.<namespace>`, which allows everything, and `ksa.<namespace>.<serviceaccount>`, which says
// nothing) and `Drop if no profiles matched`.
// Source: projectcalico/calico v3.30.3 felix/rules/endpoints.go (endpointIptablesChain,
// appendConntrackRules), dispatch.go (buildSingleDispatchChainTree: interfaces sharing the next
// character after their common prefix get a child chain `<dispatch>-<char>`), policy.go
// (ProfileToIptablesChains), libcalico-go k8s conversion (profiles kns./ksa.).

import type { Chain } from '../../kube-proxy';
import { lengthLimitedId } from './felix-ids';
import { clearMark, felixChain, goto, jump, MARK_ACCEPT, MARK_PASS, markClear, markSet, setMark, type FelixRule } from './felix-rules';

export interface FelixWorkload {
  iface: string;
  namespace: string;
  serviceAccount: string;
  /** The policy (or policy-group) chains that apply, in order, per direction. */
  ingress: readonly string[];
  egress: readonly string[];
}

const ACCEPT = '--jump ACCEPT';
const DROP = '--jump DROP';
const RETURN = '--jump RETURN';

export const profileIds = (w: Pick<FelixWorkload, 'namespace' | 'serviceAccount'>): string[] => [`kns.${w.namespace}`, `ksa.${w.namespace}.${w.serviceAccount}`];

function endpointChain(name: string, w: FelixWorkload, dir: 'ingress' | 'egress'): Chain {
  const rules: FelixRule[] = [
    { match: ['-m conntrack --ctstate RELATED,ESTABLISHED'], action: ACCEPT },
    { match: ['-m conntrack --ctstate INVALID'], action: DROP },
    { action: clearMark(MARK_ACCEPT | MARK_PASS) },
  ];
  if (dir === 'egress') {
    // AllowVXLANPacketsFromWorkloads / AllowIPIPPacketsFromWorkloads default to false.
    rules.push({ match: ['-p 17', '-m multiport --destination-ports 4789'], action: DROP, comments: ['Drop VXLAN encapped packets originating in workloads'] });
    rules.push({ match: ['-p 4'], action: DROP, comments: ['Drop IPinIP encapped packets originating in workloads'] });
  }
  const policies = dir === 'ingress' ? w.ingress : w.egress;
  if (policies.length > 0) {
    rules.push({ action: clearMark(MARK_PASS), comments: ['Start of tier default'] });
    for (const chain of policies) {
      rules.push({ match: [markClear(MARK_PASS)], action: jump(chain) });
      rules.push({ match: [markSet(MARK_ACCEPT)], action: RETURN, comments: ['Return if policy accepted'] });
    }
    rules.push({ match: [markClear(MARK_PASS)], action: DROP, comments: ['End of tier default. Drop if no policies passed packet'] });
  }
  for (const profile of profileIds(w)) {
    rules.push({ action: jump(profileChainName(dir, profile)) });
    rules.push({ match: [markSet(MARK_ACCEPT)], action: RETURN, comments: ['Return if profile accepted'] });
  }
  rules.push({ action: DROP, comments: ['Drop if no profiles matched'] });
  return felixChain(name, rules);
}

export const toWorkloadChain = (iface: string) => lengthLimitedId('cali-tw-', iface);
export const fromWorkloadChain = (iface: string) => lengthLimitedId('cali-fw-', iface);

export function profileChainName(dir: 'ingress' | 'egress', profile: string): string {
  return lengthLimitedId(dir === 'ingress' ? 'cali-pri-' : 'cali-pro-', profile);
}

/** A profile's chain: kns.* allows everything (the accept mark), ksa.* has no rules, only its comment. */
export function profileChain(dir: 'ingress' | 'egress', profile: string): Chain {
  const comment = `Profile ${profile} ${dir}`;
  const allows = profile.startsWith('kns.');
  return felixChain(profileChainName(dir, profile), [allows ? { action: setMark(MARK_ACCEPT), comments: [comment] } : { action: '', comments: [comment] }]);
}

function dispatchTree(root: string, names: readonly string[], match: '--in-interface' | '--out-interface', target: (iface: string) => string, rootEnd?: readonly FelixRule[]): Chain[] {
  const sorted = [...new Set(names)].sort();
  const end: FelixRule = { action: DROP, comments: ['Unknown interface'] };
  let common = sorted[0] ?? '';
  for (const n of sorted) while (!n.startsWith(common)) common = common.slice(0, -1);
  const bins = new Map<string, string[]>();
  for (const n of sorted) {
    const prefix = n.length > common.length ? n.slice(0, common.length + 1) : common;
    bins.set(prefix, [...(bins.get(prefix) ?? []), n]);
  }
  const children: Chain[] = [];
  const rootRules: FelixRule[] = [];
  for (const [prefix, ifaces] of bins) {
    if (ifaces.length === 1) {
      rootRules.push({ match: [`${match} ${ifaces[0]}`], action: goto(target(ifaces[0])) });
      continue;
    }
    const child = `${root}-${prefix.slice(common.length)}`;
    rootRules.push({ match: [`${match} ${prefix}+`], action: goto(child) });
    children.push(felixChain(child, [...ifaces.map((i) => ({ match: [`${match} ${i}`], action: goto(target(i)) })), ...(rootEnd ? [] : [end])]));
  }
  return [...children, felixChain(root, [...rootRules, ...(rootEnd ?? [end])])];
}

/**
 * IPVS mode's endpoint marks (dispatch.go endpointMarkDispatchChains, endpoints.go
 * endpointSetMarkChain): `cali-set-endpoint-mark` sends each workload's packets to `cali-sm-<iface>`,
 * which stamps the workload's mark. Felix's mark manager hashes names to free marks; here they are
 * handed out in name order from 0x200000, the first after the non-Calico endpoint mark.
 */
export function endpointMarkChains(workloads: readonly FelixWorkload[]): Chain[] {
  const ifaces = [...new Set(workloads.map((w) => w.iface))].sort();
  const sm = (iface: string) => lengthLimitedId('cali-sm-', iface);
  const tree = dispatchTree('cali-set-endpoint-mark', ifaces, '--in-interface', sm, [
    { match: ['--in-interface cali+'], action: DROP, comments: ['Unknown endpoint'] },
    { action: `--jump MARK --set-mark 0x100000/0xfff00000`, comments: ['Non-Cali endpoint mark'] },
  ]);
  return [...tree, ...ifaces.map((iface, i) => felixChain(sm(iface), [{ action: `--jump MARK --set-mark 0x${((i + 2) * 0x100000).toString(16)}/0xfff00000` }]))];
}

/** Every workload chain, both dispatch trees and the profiles the workloads reference. */
export function workloadChains(workloads: readonly FelixWorkload[]): Chain[] {
  const chains: Chain[] = [];
  for (const w of workloads) chains.push(endpointChain(toWorkloadChain(w.iface), w, 'ingress'), endpointChain(fromWorkloadChain(w.iface), w, 'egress'));
  const ifaces = workloads.map((w) => w.iface);
  chains.push(...dispatchTree('cali-from-wl-dispatch', ifaces, '--in-interface', fromWorkloadChain));
  chains.push(...dispatchTree('cali-to-wl-dispatch', ifaces, '--out-interface', toWorkloadChain));
  const profiles = new Set(workloads.flatMap(profileIds));
  for (const p of [...profiles].sort()) chains.push(profileChain('ingress', p), profileChain('egress', p));
  return chains;
}
