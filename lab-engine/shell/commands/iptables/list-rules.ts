// `iptables -S [CHAIN]` and `iptables -L [CHAIN] [-n] [-v] [-x] [--line-numbers]` as pure
// functions of one table. Column layout follows iptables' print_header/print_firewall (target
// %-9s, prot %-5s after the negation column, opt `--`, addresses %-19s each after their own
// negation column, `-v` adding pkts/bytes and in/out), checked against real captures in
// GROUND-TRUTH §2.5.

import { formatListAddress, formatRuleListExtras, formatRuleSave, targetName } from '../../../dataplane/kube-proxy/netfilter/format-rule';
import { findChain, isBuiltinChain, referenceCount, type Chain, type Rule, type Table } from '../../../dataplane/kube-proxy/netfilter/rule';

/** `-P CHAIN POLICY` for built-ins, `-N CHAIN` for user chains, then the rules — all chains or one. */
export function renderListRules(table: Table, chain?: string): string {
  const chains = chain ? [findChain(table, chain)].filter((c): c is Chain => !!c) : table.chains;
  const lines: string[] = [];
  for (const c of chains) lines.push(isBuiltinChain(table.name, c.name) ? `-P ${c.name} ${c.policy ?? 'ACCEPT'}` : `-N ${c.name}`);
  for (const c of chains) for (const r of c.rules) lines.push(formatRuleSave(r));
  return lines.map((l) => l + '\n').join('');
}

export interface ListOptions {
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
}

/** xtables_print_num: counters, abbreviated with K/M/G/T unless -x. */
function counter(n: number, exact: boolean): string {
  if (exact) return `${String(n).padStart(8)} `;
  if (n <= 99999) return `${String(n).padStart(5)} `;
  let v = n;
  for (const unit of ['K', 'M', 'G', 'T']) {
    v = Math.floor((v + 500) / 1000);
    if (v <= 9999 || unit === 'T') return `${String(v).padStart(4)}${unit} `;
  }
  return `${n} `;
}

function header(o: ListOptions): string {
  let s = o.lineNumbers ? 'num  ' : '';
  if (o.verbose) s += o.exact ? `${'pkts'.padStart(8)} ${'bytes'.padStart(8)} ` : ' pkts bytes ';
  s += 'target    ';
  s += ' prot ';
  s += 'opt';
  if (o.verbose) s += ` ${'in'.padEnd(6)} ${'out'.padEnd(6)} `;
  s += ` ${'source'.padEnd(19)} `;
  s += ` ${'destination'.padEnd(19)} `;
  return s;
}

function row(rule: Rule, n: number, o: ListOptions): string {
  let s = o.lineNumbers ? `${String(n).padEnd(4)} ` : '';
  if (o.verbose) s += counter(0, o.exact) + counter(0, o.exact);
  s += `${targetName(rule.target).padEnd(9)} `;
  s += rule.protocol?.negate ? '!' : ' ';
  s += (rule.protocol?.name ?? 'all').padEnd(5);
  s += '-- ';
  if (o.verbose) s += ` ${'*'.padEnd(6)} ${'*'.padEnd(6)} `;
  s += (rule.source?.negate ? '!' : ' ') + formatListAddress(rule.source, o.numeric).padEnd(19) + ' ';
  s += (rule.destination?.negate ? '!' : ' ') + formatListAddress(rule.destination, o.numeric).padEnd(19) + ' ';
  return s + formatRuleListExtras(rule, o.numeric);
}

function chainHeader(table: Table, c: Chain, o: ListOptions): string {
  if (isBuiltinChain(table.name, c.name)) {
    return o.verbose ? `Chain ${c.name} (policy ${c.policy ?? 'ACCEPT'} 0 packets, 0 bytes)` : `Chain ${c.name} (policy ${c.policy ?? 'ACCEPT'})`;
  }
  return `Chain ${c.name} (${referenceCount(table, c.name)} references)`;
}

/** `iptables -L`: every chain separated by a blank line, or just the one named. */
export function renderList(table: Table, o: ListOptions, chain?: string): string {
  const chains = chain ? [findChain(table, chain)].filter((c): c is Chain => !!c) : table.chains;
  const blocks = chains.map((c) => [chainHeader(table, c, o), header(o), ...c.rules.map((r, i) => row(r, i + 1, o))].map((l) => l + '\n').join(''));
  return blocks.join('\n');
}
