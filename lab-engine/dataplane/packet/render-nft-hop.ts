// The words for an nftables-mode hop (kube-proxy's `table ip kube-proxy`): the line `trace`
// prints and, under it, the rules as `nft list` prints them, each prefixed with its chain, the
// verdict-map lookups and the `numgen` draw that picked the endpoint.

import type { NftablesHopDecision } from './types';

const endpoint = (e: { ip: string; port?: number }) => `${e.ip}${e.port !== undefined ? `:${e.port}` : ''}`;

export function nftablesHopText(d: NftablesHopDecision): { summary: string; because: string[] } {
  const head = `nft ip kube-proxy ${d.chain}`;
  const path = [...new Set(d.matched.map((m) => m.chain))].join(' → ');
  const rules = d.matched.map((m) => `${m.chain}: ${m.rule}`);
  const lookups = d.lookups.map((l) => `@${l.map} has ${l.key}`);
  const draws = d.numgen.map((n) => `${n.chain}: numgen random mod ${n.mod} drew ${n.drawn} → goto ${n.target}`);
  switch (d.verdict) {
    case 'DNAT':
      return {
        summary: `${head}: ${path}: DNAT ${d.dnat ? endpoint(d.dnat.from) : ''} → ${d.dnat ? endpoint(d.dnat.to) : ''}`,
        because: [...rules, ...lookups, ...draws, 'the kernel found the Service with one verdict-map lookup, however many Services there are'],
      };
    case 'MASQUERADE':
      return { summary: `${head}: ${path}: masquerade (kube-proxy marked the packet 0x4000): the source becomes ${d.masquerade?.toSource ?? "this node's outgoing address"}`, because: rules };
    case 'MARK':
      return { summary: `${head}: ${path}: meta mark 0x${(d.mark ?? 0).toString(16).padStart(8, '0')}`, because: [...rules, ...lookups] };
    case 'REJECT': {
      const why = d.reject?.because === 'invalid-port' ? 'the ClusterIP serves no such port (cluster-ips-check)' : 'kube-proxy rejects connections to a Service with no ready endpoints';
      return { summary: `${head}: reject: ${why}`, because: [...rules, ...lookups] };
    }
    case 'DROP':
      return { summary: `${head}: drop`, because: [...rules, ...lookups] };
    default: {
      const never: never = d.verdict;
      return never;
    }
  }
}
