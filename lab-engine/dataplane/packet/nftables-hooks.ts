// nftables mode's hooks as the packet meets them on a node: kube-proxy's `table ip kube-proxy`
// has one base chain per hook it cares about (filter-prerouting-pre-dnat and nat-prerouting
// before routing, filter-input / filter-forward / filter-output after it, nat-postrouting last).
// Each walk of a base chain becomes what happens to the packet (a DNAT, a mark, a masquerade, a
// REJECT) and a typed decision naming the chains and rules that decided.

import { evaluateNftChain, type NftEvalResult } from '../kube-proxy/nftables';
import type { Packet, WalkContext } from '../kube-proxy';
import type { NftablesHopDecision } from './types';
import type { HookResult } from './netfilter-hooks';
import type { NodeRuntimes } from './node-runtime';

type Runtime = ReturnType<NodeRuntimes['node']>;

export type NftBaseChainName = 'filter-prerouting-pre-dnat' | 'filter-output-pre-dnat' | 'nat-prerouting' | 'nat-output' | 'filter-input' | 'filter-forward' | 'filter-output' | 'nat-postrouting';

const HOOK_OF: Readonly<Record<NftBaseChainName, NftablesHopDecision['hook']>> = {
  'filter-prerouting-pre-dnat': 'prerouting',
  'nat-prerouting': 'prerouting',
  'filter-output-pre-dnat': 'output',
  'nat-output': 'output',
  'filter-input': 'input',
  'filter-forward': 'forward',
  'filter-output': 'output',
  'nat-postrouting': 'postrouting',
};

/** The chains kube-proxy's table runs before the routing decision, in priority order. */
export function nftPreRoutingChains(local: boolean): NftBaseChainName[] {
  return local ? ['filter-output-pre-dnat', 'nat-output'] : ['filter-prerouting-pre-dnat', 'nat-prerouting'];
}

export function nftHook(runtime: Runtime, chain: NftBaseChainName, packet: Packet, ctx: WalkContext, affinity: Map<string, Map<string, number>>): HookResult {
  if (!runtime.nft) return {};
  const r = evaluateNftChain(runtime.nft, chain, { src: packet.src, dst: packet.dst, protocol: packet.protocol, ...(packet.dport !== undefined ? { dport: packet.dport } : {}), mark: packet.mark ?? 0, ctNew: packet.ctstate?.includes('NEW') ?? true }, { isLocalAddress: (ip) => ctx.isLocalAddress(ip), random: () => ctx.random(), affinity, ...(ctx.now !== undefined ? { now: ctx.now } : {}) });
  const base = { kind: 'nftables', family: 'ip', table: 'kube-proxy', chain, hook: HOOK_OF[chain], matched: r.matched, lookups: r.lookups, numgen: r.draws } as const;
  const mark = r.mark !== (packet.mark ?? 0) ? r.mark : undefined;
  const marked = mark !== undefined ? { mark } : {};
  switch (r.outcome.kind) {
    case 'dnat': {
      const to = { ip: r.outcome.ip, port: r.outcome.port };
      const from = { ip: packet.dst, ...(packet.dport !== undefined ? { port: packet.dport } : {}) };
      return { decision: { ...base, verdict: 'DNAT', dnat: { from, to }, ...marked }, verdict: 'DNAT', dnat: to, ...marked };
    }
    case 'masquerade':
      return { decision: { ...base, verdict: 'MASQUERADE', masquerade: {}, ...marked }, verdict: 'MASQUERADE', ...marked };
    case 'reject':
      return { decision: { ...base, verdict: 'REJECT', reject: { because: rejectReason(r) } }, verdict: 'REJECT' };
    case 'drop':
      return { decision: { ...base, verdict: 'DROP' }, verdict: 'DROP' };
    case 'accept':
    case 'continue':
      return mark !== undefined ? { decision: { ...base, verdict: 'MARK', mark }, mark } : {};
    default: {
      const never: never = r.outcome;
      return never;
    }
  }
}

/** reject-chain is reached from @no-endpoint-services / @no-endpoint-nodeports; cluster-ips-check rejects a port the ClusterIP does not serve. */
function rejectReason(r: NftEvalResult): 'no-endpoints' | 'invalid-port' {
  return r.matched.some((m) => m.chain === 'cluster-ips-check') ? 'invalid-port' : 'no-endpoints';
}
