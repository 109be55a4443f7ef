// Which counters a kube-proxy sync zeroes. kube-proxy writes its rules with
// `iptables-restore --noflush`: a `:CHAIN - [0:0]` line flushes that chain and its rules come back
// with fresh counters, while chains it leaves out keep theirs. Since MinimizeIPTablesRestore
// (GA in v1.28) the iptables proxier writes its top-level chains on every sync
// (pkg/proxy/iptables/proxier.go syncProxyRules: filter KUBE-SERVICES, KUBE-EXTERNAL-SERVICES,
// KUBE-FORWARD, KUBE-NODEPORTS, KUBE-PROXY-FIREWALL; nat KUBE-SERVICES, KUBE-NODEPORTS,
// KUBE-POSTROUTING, KUBE-MARK-MASQ) but a Service's own chains (KUBE-SVC-*, KUBE-SEP-*, KUBE-EXT-*,
// KUBE-FW-*, KUBE-SVL-*) only when they changed. The IPVS proxier writes every chain it owns on
// every sync (pkg/proxy/ipvs/proxier.go). The jumps in the built-in chains are ensured one by one
// (`iptables -C`, then `-I` if missing), so they and the policies keep their counters. IPVS
// virtual services and real servers that survive a sync keep their stats; deleted ones lose them.

import type { Table } from './rule';
import { findChain, isBuiltinChain } from './rule';
import { chainSignature, ipvsDestKey, ipvsServiceKey, type CounterStore } from './counter-store';

/** The iptables proxier's chains it writes on every sync, per table. */
const REWRITTEN_EVERY_SYNC: Readonly<Record<string, ReadonlySet<string>>> = {
  filter: new Set(['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']),
  nat: new Set(['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']),
};

/** Chains kubelet keeps (not rewritten by kube-proxy's sync). */
const KUBELET_CHAINS: ReadonlySet<string> = new Set(['KUBE-FIREWALL', 'KUBE-KUBELET-CANARY', 'KUBE-PROXY-CANARY', 'KUBE-IPTABLES-HINT']);

export interface SyncedNode {
  mode: 'iptables' | 'ipvs' | 'nftables';
  tables: Readonly<Record<'mangle' | 'filter' | 'nat', Table>>;
  ipvs?: { virtualServers: readonly { protocol: string; address: string; port: number; realServers: readonly { address: string; port: number }[] }[] };
}

/**
 * Brings a node's counters in line with the rules kube-proxy just programmed. `synced` says
 * whether kube-proxy ran a sync since the counters were last reconciled (its Services or
 * EndpointSlices changed); without one nothing was written and nothing resets.
 */
export function reconcileCounters(store: CounterStore, node: string, programmed: SyncedNode, synced: boolean): void {
  if (!synced || !store.hasNode(node)) return;
  for (const { table, chain, counters } of [...store.countedChains(node)]) {
    const t = programmed.tables[table as 'mangle' | 'filter' | 'nat'];
    const now = t ? findChain(t, chain) : undefined;
    if (!now) {
      store.resetChain(node, table, chain);
      continue;
    }
    if (isBuiltinChain(t.name, chain) || KUBELET_CHAINS.has(chain)) {
      // Ensured rule by rule: a changed built-in chain (a proxy mode switch) still starts afresh.
      if (chainSignature(now.rules) !== counters.signature) store.resetChain(node, table, chain);
      continue;
    }
    const everySync = programmed.mode === 'ipvs' || REWRITTEN_EVERY_SYNC[table]?.has(chain);
    if (everySync || chainSignature(now.rules) !== counters.signature) store.resetChain(node, table, chain);
  }
  const live = new Set<string>();
  for (const vs of programmed.ipvs?.virtualServers ?? []) {
    const key = ipvsServiceKey(vs.protocol, vs.address, vs.port);
    live.add(key);
    for (const rs of vs.realServers) live.add(ipvsDestKey(key, rs.address, rs.port));
  }
  store.ipvsZero(node, (entry) => live.has(entry));
}
