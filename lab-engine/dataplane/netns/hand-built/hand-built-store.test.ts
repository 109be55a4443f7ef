// The hand-built store and the kernel's rules it applies, on a dataplane built from a small
// cluster: a change is kept only when the kernel took it, a rebuild replays the kept list, and the
// state each rule leaves (ifindexes, carrier, routes, a moved device, a deleted netns) is checked
// here without going through the shell.

import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';
import { buildDataplane, dataplaneOptionsFor } from '../../cni/build-dataplane';
import type { Dataplane } from '../types';
import { HandBuiltNetworks } from './hand-built-store';
import type { HandOp } from './hand-ops';
import { MAX_HAND_BUILT_CHANGES, MAX_NAMED_NETNS } from '../../../core/limits';

function fresh(): () => Dataplane {
  const topology = { cni: 'flannel' as const, proxyMode: 'iptables' as const };
  const sim = createSimulation({ seed: 1, topology });
  return () => buildDataplane(sim.cluster, dataplaneOptionsFor(topology));
}

const PAIR: HandOp[] = [
  { op: 'netns-add', name: 'red', forwarding: true },
  { op: 'link-add', ns: '', name: 'v0', type: 'veth', peer: 'v1' },
  { op: 'link-set', ns: '', name: 'v1', change: { kind: 'netns', to: 'red' } },
  { op: 'link-set', ns: '', name: 'v0', change: { kind: 'up' } },
  { op: 'addr-add', ns: 'red', dev: 'v1', address: '10.1.0.2', prefix: 24 },
];

describe('hand-built networks', () => {
  it('keeps what the kernel took, refuses the rest, and replays the list on a new build', () => {
    const build = fresh();
    const store = new HandBuiltNetworks();
    const dp = build();
    for (const op of PAIR) expect(store.change(dp, 'node-1', op)).toBeUndefined();
    expect(store.change(dp, 'node-1', { op: 'link-add', ns: '', name: 'v0', type: 'bridge' })).toEqual({ error: 'exists' });
    expect(store.toJSON()['node-1']).toHaveLength(PAIR.length);
    const again = build();
    store.overlay(again);
    const red = again.named?.['node-1/red'];
    expect(red?.links.map((l) => `${l.ifindex}:${l.name}:${l.state}`)).toEqual([`1:lo:DOWN`, `${red!.links[1]!.ifindex}:v1:DOWN`]);
    expect(red?.addresses).toEqual([{ dev: 'v1', family: 'inet', address: '10.1.0.2', prefix: 24, scope: 'global' }]);
    // v1 is down, so no subnet route yet; only the local one.
    expect(red?.routes.map((r) => `${r.table} ${r.type} ${r.dst}`)).toEqual(['local local 10.1.0.2/32']);
    const v0 = again.nodes['node-1']!.links.find((l) => l.name === 'v0')!;
    expect(v0).toMatchObject({ state: 'LOWERLAYERDOWN', flags: ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP'], linkNetns: { name: 'red' }, peer: { netns: 'netns/node-1/red', name: 'v1' } });
  });

  it('gives carrier to both ends once both are up, and the subnet route with it', () => {
    const dp = fresh()();
    const store = new HandBuiltNetworks();
    for (const op of [...PAIR, { op: 'link-set', ns: 'red', name: 'v1', change: { kind: 'up' } } as HandOp]) store.change(dp, 'node-1', op);
    const red = dp.named!['node-1/red']!;
    expect(red.links[1]).toMatchObject({ state: 'UP', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], linkNetns: { id: 0 } });
    expect(red.routes.find((r) => r.table === 'main')).toMatchObject({ dst: '10.1.0.0/24', dev: 'v1', proto: 'kernel', scope: 'link', src: '10.1.0.2' });
  });

  it('deletes a veth with its peer, and a netns with the peers of its veths', () => {
    const dp = fresh()();
    const store = new HandBuiltNetworks();
    for (const op of PAIR) store.change(dp, 'node-1', op);
    expect(store.change(dp, 'node-1', { op: 'netns-del', name: 'red' })).toBeUndefined();
    expect(dp.named?.['node-1/red']).toBeUndefined();
    expect(dp.nodes['node-1']!.links.some((l) => l.name === 'v0')).toBe(false);
    expect(store.change(dp, 'node-1', { op: 'netns-del', name: 'red' })).toEqual({ error: 'netns-missing', name: 'red' });
  });

  it('leaves the CNI’s devices to the CNI', () => {
    const dp = fresh()();
    const store = new HandBuiltNetworks();
    expect(store.change(dp, 'node-1', { op: 'link-set', ns: '', name: 'eth0', change: { kind: 'down' } })).toEqual({ error: 'cni-owned', dev: 'eth0' });
    expect(store.change(dp, 'node-1', { op: 'link-del', ns: '', name: 'flannel.1' })).toEqual({ error: 'cni-owned', dev: 'flannel.1' });
    expect(store.empty()).toBe(true);
  });

  it('stops at its limits', () => {
    const dp = fresh()();
    const store = new HandBuiltNetworks();
    for (let i = 0; i < MAX_NAMED_NETNS; i++) expect(store.change(dp, 'node-1', { op: 'netns-add', name: `n${i}`, forwarding: true })).toBeUndefined();
    expect(store.change(dp, 'node-1', { op: 'netns-add', name: 'one-more', forwarding: true })).toEqual({ error: 'limit', limit: MAX_NAMED_NETNS, what: 'namespaces' });
    for (let i = store.toJSON()['node-1']!.length; i < MAX_HAND_BUILT_CHANGES; i++) store.change(dp, 'node-1', { op: 'forwarding', ns: 'n0', value: i % 2 === 0 });
    expect(store.change(dp, 'node-1', { op: 'forwarding', ns: 'n0', value: true })).toEqual({ error: 'limit', limit: MAX_HAND_BUILT_CHANGES, what: 'changes' });
  });
});
