// The counter store and what a kube-proxy sync zeroes: iptables-restore --noflush flushes every
// chain it is given (iptables/iptables-restore.c: a `:CHAIN` line of an existing user chain
// flushes it), and the iptables proxier gives it its top-level chains on every sync but a
// Service's chains only when they changed (kubernetes pkg/proxy/iptables/proxier.go,
// MinimizeIPTablesRestore); the IPVS proxier writes all of its chains every time.

import { describe, expect, it } from 'vitest';
import { syncIptablesRules } from '../iptables-sync';
import { internalTrafficPolicyCase } from '../testing-fixtures';
import { chainSignature, CounterStore } from './counter-store';
import { reconcileCounters } from './counter-resets';
import { nodeTables } from './node-tables';
import { findChain } from './rule';

function counted() {
  const tables = nodeTables(syncIptablesRules(internalTrafficPolicyCase('Cluster')));
  const store = new CounterStore();
  const sig = (table: 'nat' | 'filter', chain: string) => () => chainSignature(findChain(tables[table], chain)?.rules ?? []);
  const svcChain = tables.nat.chains.find((c) => c.name.startsWith('KUBE-SVC-'))!.name;
  store.add('n', 'nat', 'KUBE-SERVICES', 0, 1, 60, sig('nat', 'KUBE-SERVICES'));
  store.add('n', 'nat', svcChain, 0, 1, 60, sig('nat', svcChain));
  store.add('n', 'nat', 'PREROUTING', 0, 1, 60, sig('nat', 'PREROUTING'));
  store.add('n', 'nat', 'POSTROUTING', 'policy', 1, 60, sig('nat', 'POSTROUTING'));
  return { tables, store, svcChain };
}

describe('CounterStore', () => {
  it('adds per rule and per policy; zero() clears a table, a chain, or one rule', () => {
    const { store, svcChain } = counted();
    store.add('n', 'nat', 'KUBE-SERVICES', 0, 1, 60, () => 'x');
    expect(store.read('n', 'nat', 'KUBE-SERVICES', 0)).toEqual({ packets: 2, bytes: 120 });
    expect(store.read('n', 'nat', 'POSTROUTING', 'policy')).toEqual({ packets: 1, bytes: 60 });
    store.zero('n', 'nat', 'KUBE-SERVICES', 0);
    expect(store.read('n', 'nat', 'KUBE-SERVICES', 0)).toEqual({ packets: 0, bytes: 0 });
    store.zero('n', 'filter');
    expect(store.read('n', 'nat', svcChain, 0).packets).toBe(1);
    store.zero('n', 'nat');
    expect(store.hasNode('n')).toBe(false);
  });
});

describe('reconcileCounters (kube-proxy sync)', () => {
  it('iptables mode: a sync zeroes the top-level chains, keeps unchanged Service chains and the built-in chains', () => {
    const { tables, store, svcChain } = counted();
    reconcileCounters(store, 'n', { mode: 'iptables', tables }, true);
    expect(store.read('n', 'nat', 'KUBE-SERVICES', 0).packets).toBe(0);
    expect(store.read('n', 'nat', svcChain, 0).packets).toBe(1);
    expect(store.read('n', 'nat', 'PREROUTING', 0).packets).toBe(1);
    expect(store.read('n', 'nat', 'POSTROUTING', 'policy').packets).toBe(1);
  });

  it('no sync, nothing zeroed; a Service chain whose rules changed, or that is gone, starts afresh', () => {
    const { tables, store, svcChain } = counted();
    reconcileCounters(store, 'n', { mode: 'iptables', tables }, false);
    expect(store.read('n', 'nat', 'KUBE-SERVICES', 0).packets).toBe(1);
    const changed = { ...tables, nat: { ...tables.nat, chains: tables.nat.chains.map((c) => (c.name === svcChain ? { ...c, rules: c.rules.slice(1) } : c)) } };
    reconcileCounters(store, 'n', { mode: 'iptables', tables: changed }, true);
    expect(store.read('n', 'nat', svcChain, 0).packets).toBe(0);
  });

  it('IPVS mode: every kube-proxy chain is rewritten; stats of deleted real servers go with them', () => {
    const { tables, store, svcChain } = counted();
    const event = { atMs: 0, conns: 1, inPkts: 6, outPkts: 4, inBytes: 387, outBytes: 1069 };
    store.ipvsAdd('n', 'TCP 10.96.0.5:80', event);
    store.ipvsAdd('n', 'TCP 10.96.0.5:80 -> 10.244.1.2:80', event);
    store.ipvsAdd('n', 'TCP 10.96.0.5:80 -> 10.244.2.2:80', event);
    reconcileCounters(store, 'n', { mode: 'ipvs', tables, ipvs: { virtualServers: [{ protocol: 'TCP', address: '10.96.0.5', port: 80, realServers: [{ address: '10.244.1.2', port: 80 }] }] } }, true);
    expect(store.read('n', 'nat', svcChain, 0).packets).toBe(0);
    expect(store.ipvs('n', 'TCP 10.96.0.5:80')?.conns).toBe(1);
    expect(store.ipvs('n', 'TCP 10.96.0.5:80 -> 10.244.1.2:80')?.inPkts).toBe(6);
    expect(store.ipvs('n', 'TCP 10.96.0.5:80 -> 10.244.2.2:80')).toBeUndefined();
  });
});
