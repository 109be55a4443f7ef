// The netfilter rules node-cache (NodeLocal DNSCache, kubernetes/dns cmd/node-cache/app/
// cache_app.go, initIptables) keeps on its node, for each address of its `-localip`:
// - raw PREROUTING and OUTPUT: NOTRACK for DNS to and from the address (and for its health port),
//   so the queries get no conntrack entry — no DNAT, no insert race, no UDP entries filling the table;
// - filter INPUT and OUTPUT: ACCEPT for the same traffic, since rules that accept only tracked
//   (ESTABLISHED) traffic would not match an untracked packet.
// It ensures each rule with Prepend, in the order below, address after address: so a chain lists
// them last-ensured first, the last address's rules on top (the order real nodes show, see
// testdata/node-local-dns-iptables-save.txt). Being prepended after kube-proxy's jumps, they come
// before them in INPUT and OUTPUT; a CNI agent that keeps its own jumps on top (Felix) is above.

import { rawTable, type NodeTables } from '../kube-proxy/netfilter/node-tables';
import { parseRule } from '../kube-proxy/netfilter/parse-rule';
import type { Rule, Table } from '../kube-proxy/netfilter/rule';

/** node-cache's defaults: `-localport 53`, `-health-port 8080`. */
export const NODE_CACHE_DNS_PORT = 53;
export const NODE_CACHE_HEALTH_PORT = 8080;

type Ensured = { table: 'raw' | 'filter'; chain: 'PREROUTING' | 'INPUT' | 'OUTPUT'; args: string[] };

/** The rules for one address, in the order node-cache ensures them. */
function ensuredFor(ip: string, dnsPort: number, healthPort: number): Ensured[] {
  const to = (proto: string, port: number) => ['-d', `${ip}/32`, '-p', proto, '-m', proto, '--dport', String(port)];
  const from = (proto: string, port: number) => ['-s', `${ip}/32`, '-p', proto, '-m', proto, '--sport', String(port)];
  const out: Ensured[] = [];
  for (const proto of ['tcp', 'udp']) out.push({ table: 'raw', chain: 'PREROUTING', args: [...to(proto, dnsPort), '-j', 'NOTRACK'] });
  for (const proto of ['tcp', 'udp']) out.push({ table: 'filter', chain: 'INPUT', args: [...to(proto, dnsPort), '-j', 'ACCEPT'] });
  for (const proto of ['tcp', 'udp']) out.push({ table: 'raw', chain: 'OUTPUT', args: [...from(proto, dnsPort), '-j', 'NOTRACK'] });
  for (const proto of ['tcp', 'udp']) out.push({ table: 'filter', chain: 'OUTPUT', args: [...from(proto, dnsPort), '-j', 'ACCEPT'] });
  // Queries the node itself sends (hostNetwork pods) skip conntrack too.
  for (const proto of ['tcp', 'udp']) out.push({ table: 'raw', chain: 'OUTPUT', args: [...to(proto, dnsPort), '-j', 'NOTRACK'] });
  // The liveness probe's requests to the health plugin, and its answers.
  out.push({ table: 'raw', chain: 'OUTPUT', args: [...to('tcp', healthPort), '-j', 'NOTRACK'] });
  out.push({ table: 'raw', chain: 'OUTPUT', args: [...from('tcp', healthPort), '-j', 'NOTRACK'] });
  return out;
}

export interface NodeLocalDnsRules {
  raw: Table;
  /** Rules at the top of filter's built-in chains, in chain order. */
  filter: { INPUT: Rule[]; OUTPUT: Rule[] };
}

/** What node-cache leaves in the tables for `localIps` (its `-localip`, in order). */
export function nodeLocalDnsRules(localIps: readonly string[], dnsPort = NODE_CACHE_DNS_PORT, healthPort = NODE_CACHE_HEALTH_PORT): NodeLocalDnsRules {
  const chains: Record<string, Rule[]> = { 'raw/PREROUTING': [], 'raw/OUTPUT': [], 'filter/INPUT': [], 'filter/OUTPUT': [] };
  for (const ip of localIps) {
    for (const rule of ensuredFor(ip, dnsPort, healthPort)) chains[`${rule.table}/${rule.chain}`].unshift(parseRule(rule.chain, rule.args));
  }
  return {
    raw: rawTable({ PREROUTING: chains['raw/PREROUTING'], OUTPUT: chains['raw/OUTPUT'] }),
    filter: { INPUT: chains['filter/INPUT'], OUTPUT: chains['filter/OUTPUT'] },
  };
}

/** kube-proxy's (or kubelet's) tables with node-cache's rules added: raw created, filter's built-ins prepended. */
export function withNodeLocalDns(tables: NodeTables, localIps: readonly string[]): NodeTables {
  if (!localIps.length) return tables;
  const rules = nodeLocalDnsRules(localIps);
  const filter: Table = {
    ...tables.filter,
    chains: tables.filter.chains.map((c) => (c.name === 'INPUT' || c.name === 'OUTPUT' ? { ...c, rules: [...rules.filter[c.name], ...c.rules] } : c)),
  };
  return { ...tables, filter, raw: rules.raw };
}
