// A node's netfilter tables as the kernel holds them once kubelet and kube-proxy have run: the
// built-in chains with the jumps kube-proxy inserts into them (proxier.go iptablesJumpChains,
// inserted at the top, so the last one ensured comes first — GROUND-TRUTH §2.5), kubelet's
// KUBE-FIREWALL jumps and canary chains, and kube-proxy's chains from the last sync. User chains
// are kept sorted by name, as iptables lists them.

import type { KubeProxyTables } from '../iptables-sync';
import { parseRule } from './parse-rule';
import { BUILTIN_CHAINS, type Chain, type Rule, type Table, type TableName } from './rule';

export interface NodeTables {
  mangle: Table;
  filter: Table;
  nat: Table;
  /** Only once something writes to it (NodeLocal DNSCache's NOTRACK rules): iptables-nft creates a table on first use. */
  raw?: Table;
}

/** The raw table with its two built-in chains holding `rules` (chain name → rules, in order). */
export function rawTable(rules: Readonly<Record<string, readonly Rule[]>>): Table {
  return { name: 'raw', chains: BUILTIN_CHAINS.raw.map((chain) => ({ name: chain, policy: 'ACCEPT' as const, rules: [...(rules[chain] ?? [])] })) };
}

/** The table `iptables -t NAME` reads: raw exists, empty, even before anything wrote to it. */
export function tableOf(tables: NodeTables, name: TableName): Table {
  return name === 'raw' ? (tables.raw ?? rawTable({})) : tables[name];
}

const NEW = ['-m', 'conntrack', '--ctstate', 'NEW'];
const cmt = (text: string) => ['-m', 'comment', '--comment', text];

/** Built-in chain jumps, in the order they end up in each chain. */
const BASE_JUMPS: Readonly<Record<'filter' | 'nat', Readonly<Record<string, readonly (readonly string[])[]>>>> = {
  filter: {
    INPUT: [
      [...NEW, ...cmt('kubernetes load balancer firewall'), '-j', 'KUBE-PROXY-FIREWALL'],
      [...cmt('kubernetes health check service ports'), '-j', 'KUBE-NODEPORTS'],
      [...NEW, ...cmt('kubernetes externally-visible service portals'), '-j', 'KUBE-EXTERNAL-SERVICES'],
      ['-j', 'KUBE-FIREWALL'],
    ],
    FORWARD: [
      [...NEW, ...cmt('kubernetes load balancer firewall'), '-j', 'KUBE-PROXY-FIREWALL'],
      [...cmt('kubernetes forwarding rules'), '-j', 'KUBE-FORWARD'],
      [...NEW, ...cmt('kubernetes service portals'), '-j', 'KUBE-SERVICES'],
      [...NEW, ...cmt('kubernetes externally-visible service portals'), '-j', 'KUBE-EXTERNAL-SERVICES'],
    ],
    OUTPUT: [
      [...NEW, ...cmt('kubernetes load balancer firewall'), '-j', 'KUBE-PROXY-FIREWALL'],
      [...NEW, ...cmt('kubernetes service portals'), '-j', 'KUBE-SERVICES'],
      ['-j', 'KUBE-FIREWALL'],
    ],
  },
  nat: {
    PREROUTING: [[...cmt('kubernetes service portals'), '-j', 'KUBE-SERVICES']],
    OUTPUT: [[...cmt('kubernetes service portals'), '-j', 'KUBE-SERVICES']],
    POSTROUTING: [[...cmt('kubernetes postrouting rules'), '-j', 'KUBE-POSTROUTING']],
  },
};

function builtins(name: TableName, jumps: Readonly<Record<string, readonly (readonly string[])[]>>): Chain[] {
  return BUILTIN_CHAINS[name].map((chain) => ({ name: chain, policy: 'ACCEPT' as const, rules: (jumps[chain] ?? []).map((args) => parseRule(chain, args)) }));
}

function assemble(name: TableName, jumps: Readonly<Record<string, readonly (readonly string[])[]>>, userChains: readonly Chain[]): Table {
  const byName = new Map(userChains.map((c) => [c.name, c]));
  const sorted = [...byName.keys()].sort().map((n) => byName.get(n) as Chain);
  return { name, chains: [...builtins(name, jumps), ...sorted] };
}

const canaries = (): Chain[] => [
  { name: 'KUBE-KUBELET-CANARY', rules: [] },
  { name: 'KUBE-PROXY-CANARY', rules: [] },
];

export function nodeTables(kp: KubeProxyTables): NodeTables {
  return {
    mangle: assemble('mangle', {}, [{ name: 'KUBE-IPTABLES-HINT', rules: [] }, ...canaries()]),
    filter: assemble('filter', BASE_JUMPS.filter, [...kp.filter, ...canaries()]),
    nat: assemble('nat', BASE_JUMPS.nat, [...kp.nat, ...canaries()]),
  };
}

/**
 * IPVS mode's jumps (pkg/proxy/ipvs/proxier.go `iptablesJumpChain`, each ensured with Prepend, so
 * a chain lists them last-first), no ctstate match on any of them; kubelet's KUBE-FIREWALL jump stays
 * last in INPUT and OUTPUT.
 */
const IPVS_BASE_JUMPS: Readonly<Record<'filter' | 'nat', Readonly<Record<string, readonly (readonly string[])[]>>>> = {
  filter: {
    INPUT: [
      [...cmt('kubernetes ipvs access filter'), '-j', 'KUBE-IPVS-FILTER'],
      [...cmt('kube-proxy firewall rules'), '-j', 'KUBE-PROXY-FIREWALL'],
      [...cmt('kubernetes health check rules'), '-j', 'KUBE-NODE-PORT'],
      ['-j', 'KUBE-FIREWALL'],
    ],
    FORWARD: [
      [...cmt('kube-proxy firewall rules'), '-j', 'KUBE-PROXY-FIREWALL'],
      [...cmt('kubernetes forwarding rules'), '-j', 'KUBE-FORWARD'],
    ],
    OUTPUT: [[...cmt('kubernetes ipvs access filter'), '-j', 'KUBE-IPVS-OUT-FILTER'], ['-j', 'KUBE-FIREWALL']],
  },
  nat: BASE_JUMPS.nat,
};

/** kubelet's martian filter, which it keeps whatever kube-proxy's mode (iptables mode's sync writes the same chain). */
const kubeletFirewall = (): Chain => ({
  name: 'KUBE-FIREWALL',
  rules: [parseRule('KUBE-FIREWALL', [...cmt('block incoming localnet connections'), '-d', '127.0.0.0/8', '!', '-s', '127.0.0.0/8', '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP'])],
});

/**
 * A node whose kube-proxy runs in nftables mode: kube-proxy writes no iptables rules and, at
 * start, cleans up what the iptables and IPVS proxiers left (pkg/proxy/iptables CleanupLeftovers),
 * so iptables-save shows only kubelet's chains: KUBE-IPTABLES-HINT, KUBE-KUBELET-CANARY and its
 * KUBE-FIREWALL (pkg/kubelet/kubelet_network_linux.go).
 */
export function kubeletOnlyNodeTables(): NodeTables {
  const kubelet = (): Chain[] => [{ name: 'KUBE-KUBELET-CANARY', rules: [] }];
  const firewallJump = [['-j', 'KUBE-FIREWALL']] as const;
  return {
    mangle: assemble('mangle', {}, [{ name: 'KUBE-IPTABLES-HINT', rules: [] }, ...kubelet()]),
    filter: assemble('filter', { INPUT: firewallJump, OUTPUT: firewallJump }, [kubeletFirewall(), ...kubelet()]),
    nat: assemble('nat', {}, kubelet()),
  };
}

/** A node whose kube-proxy runs in IPVS mode: no KUBE-PROXY-CANARY (only the iptables proxier monitors one). */
export function ipvsNodeTables(kp: { filter: readonly Chain[]; nat: readonly Chain[] }): NodeTables {
  const kubelet = (): Chain[] => [{ name: 'KUBE-KUBELET-CANARY', rules: [] }];
  return {
    mangle: assemble('mangle', {}, [{ name: 'KUBE-IPTABLES-HINT', rules: [] }, ...kubelet()]),
    filter: assemble('filter', IPVS_BASE_JUMPS.filter, [...kp.filter, kubeletFirewall(), ...kubelet()]),
    nat: assemble('nat', IPVS_BASE_JUMPS.nat, [...kp.nat, ...kubelet()]),
  };
}
