// The topology's interconnect in the walk and a response's segments over it: DF packets bigger
// than its MTU get ICMP "fragmentation needed" (lost when filtered), DF-clear ones (a tunnel's
// outer header) are fragmented, same-site traffic never meets it; TCP's MSS comes from each
// end's MTU and a delivered ICMP teaches the sender the path MTU.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import type { TopologyOptions } from '../../core/topology';
import { advertisedMss, transferResponse } from './tcp-transfer';

const PODS = ['server:node-2', 'client:node-1', 'neighbour:node-1'];

async function cluster(routing: Pick<TopologyOptions, 'ipipMode'>, icmpFragNeeded: 'delivered' | 'filtered') {
  const sim = createSimulation({ seed: 3, topology: { cni: 'calico', proxyMode: 'iptables', ...routing, interconnect: { nodes: ['node-2'], mtu: 1400, icmpFragNeeded } } });
  for (const spec of PODS) {
    const [name, node] = spec.split(':');
    const r = await sim.exec(`kubectl run ${name} --image=nginx --overrides='{"spec":{"nodeName":"${node}"}}'`);
    expect(r.exitCode, r.combined).toBe(0);
  }
  settle(sim);
  const ip = (name: string) => sim.cluster.get('pods', 'default', name)!.status.podIP!;
  const from = (name: string) => ({ kind: 'pod' as const, namespace: 'default', name });
  return { sim, ip, from };
}

describe('the interconnect in the walk', () => {
  it('a 1500-byte DF packet across it: ICMP frag-needed, lost when filtered', async () => {
    const { sim, ip, from } = await cluster({ ipipMode: 'Never' }, 'filtered');
    const r = sim.network.probe({ from: from('server'), dst: ip('client'), protocol: 'tcp', dport: 80, sizeBytes: 1500 });
    expect(r.outcome).toMatchObject({ kind: 'dropped', cause: { kind: 'mtu', mtu: 1400, sizeBytes: 1500, action: 'frag-needed', icmpFiltered: true, interconnect: { fromNode: 'node-2', toNode: 'node-1' } } });
  });

  it('with the ICMP delivered the sender hears the next-hop MTU', async () => {
    const { sim, ip, from } = await cluster({ ipipMode: 'Never' }, 'delivered');
    const r = sim.network.probe({ from: from('server'), dst: ip('client'), protocol: 'tcp', dport: 80, sizeBytes: 1500 });
    expect(r.outcome).toMatchObject({ kind: 'unreachable', icmp: 'frag-needed', mtu: 1400 });
  });

  it('fits, DF clear, or the same site: it gets through', async () => {
    const { sim, ip, from } = await cluster({ ipipMode: 'Never' }, 'filtered');
    expect(sim.network.probe({ from: from('server'), dst: ip('client'), protocol: 'tcp', dport: 80, sizeBytes: 1400 }).outcome.kind).toBe('delivered');
    const udp = sim.network.probe({ from: from('server'), dst: ip('client'), protocol: 'udp', dport: 53, sizeBytes: 1500, df: false });
    expect(udp.hops.find((h) => h.kind === 'mtu')).toMatchObject({ action: 'fragmented', fragments: 2, mtu: 1400 });
    const local = sim.network.probe({ from: from('neighbour'), dst: ip('client'), protocol: 'tcp', dport: 80, sizeBytes: 1500 });
    expect(local.outcome.kind).toBe('delivered');
  });

  it("IP-in-IP's outer header carries no DF: the hop fragments it", async () => {
    const { sim, ip, from } = await cluster({ ipipMode: 'Always' }, 'filtered');
    const r = sim.network.probe({ from: from('server'), dst: ip('client'), protocol: 'tcp', dport: 80, sizeBytes: 1480 });
    expect(r.outcome.kind).toBe('delivered');
    expect(r.hops.find((h) => h.kind === 'mtu')).toMatchObject({ action: 'fragmented', sizeBytes: 1500, interconnect: { fromNode: 'node-2', toNode: 'node-1' } });
  });
});

describe('a response over TCP', () => {
  it('MSS is the route MTU less 40, the smaller end wins, and a delivered ICMP lowers the segments', async () => {
    const { sim, ip, from } = await cluster({ ipipMode: 'Never' }, 'delivered');
    const world = sim.network.world();
    const dp = world.dataplane;
    const server = { source: from('server'), netns: dp.pods['default/server'], ip: ip('server'), port: 80 };
    const client = { source: from('client'), netns: dp.pods['default/client'], ip: ip('client'), port: 40000 };
    expect(advertisedMss(client.netns, server.ip)).toBe(1460);
    const result = transferResponse(world, server, client, 20000);
    expect(result).toMatchObject({ kind: 'complete', mss: 1460, segmentBytes: 1400, learnedMtu: 1400, segments: 15 });
    // The learner's own world remembers it, as the route cache would.
    expect(sim.network.world().pmtu?.lookup('pod/default/server', ip('client'), world.nowMs)?.mtu).toBe(1400);
  });

  it('filtered: the full-size segments stall; a response under the path MTU arrives in one', async () => {
    const { sim, ip, from } = await cluster({ ipipMode: 'Never' }, 'filtered');
    const world = sim.network.world();
    const dp = world.dataplane;
    const server = { source: from('server'), netns: dp.pods['default/server'], ip: ip('server'), port: 80 };
    const client = { source: from('client'), netns: dp.pods['default/client'], ip: ip('client'), port: 40000 };
    expect(transferResponse(world, server, client, 20000)).toMatchObject({ kind: 'stalled', segmentBytes: 1500 });
    expect(transferResponse(world, server, client, 800)).toMatchObject({ kind: 'complete', segmentBytes: 840, segments: 1 });
  });
});
