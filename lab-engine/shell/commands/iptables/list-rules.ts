// `iptables -S [CHAIN]` and `iptables -L [CHAIN] [-n] [-v] [-x] [--line-numbers]` as pure
// functions of one table. Column layout follows iptables' print_header/print_firewall (target
// %-9s, prot %-5s after the negation column, opt `--`, addresses %-19s each after their own
// negation column, `-v` adding pkts/bytes and in/out), checked against real captures in
// GROUND-TRUTH §2.5. The counters are the kernel's (the learner's traffic moves them). The
// protocol column follows iptables 1.8.9/1.8.10, the version the nodes run: with -n it prints the
// protocol number (`6`, `17`, `0` for all), `%-4s ` wide (iptables commit da8ecc62 "xshared: Print
// protocol numbers if --numeric was given", reverted only after 1.8.10 for 1.8.11).

import { formatListAddress, formatRuleListExtras, formatRuleSave, targetName } from '../../../dataplane/kube-proxy/netfilter/format-rule';
import { findChain, isBuiltinChain, referenceCount, type Chain, type Rule, type Table } from '../../../dataplane/kube-proxy/netfilter/rule';
import { NO_COUNTERS, type NodeCounters } from '../../../dataplane/kube-proxy/netfilter/counter-store';

/** /etc/protocols numbers of the protocols kube-proxy's rules name. */
const PROTOCOL_NUMBER: Readonly<Record<string, number>> = { icmp: 1, tcp: 6, udp: 17, sctp: 132 };

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

/** xtables_print_num inside a chain header (FMT_NOTABLE: no padding): `1234 `, `56K `. */
function headerCounter(n: number, exact: boolean): string {
  return counter(n, exact).trimStart();
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

function protocolColumn(rule: Rule, numeric: boolean): string {
  const name = rule.protocol?.name;
  return numeric ? String(name ? PROTOCOL_NUMBER[name] : 0) : (name ?? 'all');
}

function row(table: Table, chain: Chain, rule: Rule, n: number, o: ListOptions, counters: NodeCounters): string {
  let s = o.lineNumbers ? `${String(n).padEnd(4)} ` : '';
  if (o.verbose) {
    const c = counters.read(table.name, chain.name, n - 1);
    s += counter(c.packets, o.exact) + counter(c.bytes, o.exact);
  }
  s += `${targetName(rule.target).padEnd(9)} `;
  s += rule.protocol?.negate ? '!' : ' ';
  s += `${protocolColumn(rule, o.numeric).padEnd(4)} `;
  s += '-- ';
  // print_ifaces: no interface prints `*` under -n, `any` without it.
  const anyIface = o.numeric ? '*' : 'any';
  if (o.verbose) s += ` ${anyIface.padEnd(6)} ${anyIface.padEnd(6)} `;
  s += (rule.source?.negate ? '!' : ' ') + formatListAddress(rule.source, o.numeric).padEnd(19) + ' ';
  s += (rule.destination?.negate ? '!' : ' ') + formatListAddress(rule.destination, o.numeric).padEnd(19) + ' ';
  return s + formatRuleListExtras(rule, o.numeric);
}

function chainHeader(table: Table, c: Chain, o: ListOptions, counters: NodeCounters): string {
  if (isBuiltinChain(table.name, c.name)) {
    if (!o.verbose) return `Chain ${c.name} (policy ${c.policy ?? 'ACCEPT'})`;
    const p = counters.read(table.name, c.name, 'policy');
    return `Chain ${c.name} (policy ${c.policy ?? 'ACCEPT'} ${headerCounter(p.packets, o.exact)}packets, ${headerCounter(p.bytes, o.exact)}bytes)`;
  }
  return `Chain ${c.name} (${referenceCount(table, c.name)} references)`;
}

/** `iptables -L`: every chain separated by a blank line, or just the one named. */
export function renderList(table: Table, o: ListOptions, chain?: string, counters: NodeCounters = NO_COUNTERS): string {
  const chains = chain ? [findChain(table, chain)].filter((c): c is Chain => !!c) : table.chains;
  const blocks = chains.map((c) => [chainHeader(table, c, o, counters), header(o), ...c.rules.map((r, i) => row(table, c, r, i + 1, o, counters))].map((l) => l + '\n').join(''));
  return blocks.join('\n');
}
