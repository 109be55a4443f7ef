// A node's netfilter tables once the CNI's agent has joined kube-proxy there: Felix inserts its
// jumps at the top of the built-in chains (`-A FORWARD -j cali-FORWARD` comes before kube-proxy's)
// and appends a few at their end; flanneld appends its masquerade jump to POSTROUTING. The
// agent's chains join the user chains, which iptables lists by name; its IP sets join kube-proxy's.

import type { Chain, NodeIpsets, NodeTables, Table } from '../kube-proxy';
import { isBuiltinChain } from '../kube-proxy/netfilter/rule';
import type { CniNetfilter, CniTableRules } from '../cni/cni-plugin';

function merge(table: Table, rules: CniTableRules | undefined): Table {
  if (!rules) return table;
  const chains = table.chains.map((c): Chain => {
    const insert = rules.insert?.[c.name] ?? [];
    const append = rules.append?.[c.name] ?? [];
    return insert.length || append.length ? { ...c, rules: [...insert, ...c.rules, ...append] } : c;
  });
  const builtins = chains.filter((c) => isBuiltinChain(table.name, c.name));
  const users = [...chains.filter((c) => !isBuiltinChain(table.name, c.name)), ...rules.chains].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { name: table.name, chains: [...builtins, ...users] };
}

interface Programmed {
  tables: NodeTables;
  ipsets?: NodeIpsets;
  cni?: { masquerade: Readonly<Record<string, string>>; policyChainPrefix?: string };
}

export function withCniRules<T extends Programmed>(node: T, cni: CniNetfilter): T {
  const tables = { ...node.tables, filter: merge(node.tables.filter, cni.filter), nat: merge(node.tables.nat, cni.nat) };
  const roles = { cni: { masquerade: cni.masquerade ?? {}, ...(cni.policyChainPrefix ? { policyChainPrefix: cni.policyChainPrefix } : {}) } };
  if (!cni.ipsets?.length) return { ...node, tables, ...roles };
  const sets = [...(node.ipsets?.sets ?? []), ...cni.ipsets];
  return { ...node, tables, ...roles, ipsets: { sets, byName: new Map(sets.map((s) => [s.name, s])), lbNoNodeAccess: node.ipsets?.lbNoNodeAccess ?? [] } };
}
