// The packet walk through what a learner built by hand on a node: two named namespaces on a
// bridge (the classic "container network by hand" exercise), the same with a router netns between
// two subnets, and a namespace reached from the node itself. Each failure a learner meets is its
// own case: the bridge left down, a veth not enslaved, an address missing or on the wrong side, a
// /32 where a /24 was meant, no route, no route back, ip_forward = 0 where the packet is routed.

import { describe, expect, it } from 'vitest';
import type { FlatnetSimulation } from '../../simulation/simulation';
import { bridgeScript, builtOnNode1 } from '../../simulation/testing/netns-bridge-kit';
import type { ProbeResult } from './types';
import { causeReason } from './render-outcome';

/** The grader's probe: it leaves nothing behind. */
function ping(sim: FlatnetSimulation, from: string, dst: string): ProbeResult {
  return sim.probe({ from: from === 'node' ? { kind: 'node', node: 'node-1' } : { kind: 'netns', node: 'node-1', name: from }, dst, protocol: 'icmp' });
}

function reason(r: ProbeResult): string {
  return r.outcome.kind === 'dropped' || r.outcome.kind === 'unreachable' ? causeReason(r.outcome.cause) : r.outcome.kind;
}

describe('the walk across a hand-built bridge', () => {
  it('switches a ping from red to blue across br0 and walks the reply back', async () => {
    const sim = await builtOnNode1(bridgeScript());
    const r = ping(sim, 'red', '10.0.0.2');
    expect(r.outcome).toMatchObject({ kind: 'delivered', at: { netns: 'netns/node-1/blue', ip: '10.0.0.2', sourceSeen: '10.0.0.1' } });
    expect(r.hops.map((h) => h.kind)).toEqual(['route', 'link', 'route', 'deliver']);
    expect(r.hops[1]).toMatchObject({ kind: 'link', dev: 'veth-red', bridge: 'br0', peer: { netns: 'netns/node-1/blue', dev: 'veth-blue' } });
    // A capture on br0 sees the frame pass.
    expect(r.hops[1].taps).toContainEqual({ netns: 'node/node-1', dev: 'br0', dir: 'otherhost' });
    expect(ping(sim, 'blue', '10.0.0.1').outcome.kind).toBe('delivered');
  });

  it('loses the frame when the bridge is left down', async () => {
    const sim = await builtOnNode1(bridgeScript({ skip: /br0 up/ }));
    const r = ping(sim, 'red', '10.0.0.2');
    expect(r.outcome).toMatchObject({ kind: 'unreachable', icmp: 'host-unreachable', cause: { drop: 'link-down', dev: 'br0', which: 'bridge' } });
    expect(reason(r)).toBe('netns red (node-1): bridge br0 is down');
  });

  it('gets no ARP answer when a veth is not enslaved to the bridge', async () => {
    const sim = await builtOnNode1(bridgeScript({ skip: /veth-blue-br master/ }));
    expect(ping(sim, 'red', '10.0.0.2').outcome).toMatchObject({ kind: 'unreachable', cause: { drop: 'no-neighbour', nextHop: '10.0.0.2', dev: 'veth-red' } });
  });

  it('has no carrier when the host end of the veth is down', async () => {
    const sim = await builtOnNode1(bridgeScript({ skip: /veth-red-br up/ }));
    expect(ping(sim, 'red', '10.0.0.2').outcome).toMatchObject({ kind: 'unreachable', cause: { drop: 'link-down', dev: 'veth-red', which: 'no-carrier' } });
  });

  it('finds no route when red has no address, and no neighbour when the address sits on the host side', async () => {
    const none = await builtOnNode1(bridgeScript({ skip: /red addr add/ }));
    expect(ping(none, 'red', '10.0.0.2').outcome).toMatchObject({ kind: 'unreachable', icmp: 'net-unreachable', cause: { drop: 'no-route' } });
    // The learner put blue's address on veth-blue-br (the bridge port, in the root netns) instead of in blue.
    const wrongSide = await builtOnNode1(bridgeScript({ skip: /blue addr add/, extra: ['ip addr add 10.0.0.2/24 dev veth-blue-br'] }));
    const r = ping(wrongSide, 'red', '10.0.0.2');
    expect(r.outcome.kind === 'delivered' && r.outcome.at.netns).not.toBe('netns/node-1/blue');
    expect(ping(wrongSide, 'blue', '10.0.0.1').outcome).toMatchObject({ kind: 'unreachable', cause: { drop: 'no-route' } });
  });

  it('leaves a /32 without an on-link route to its neighbour', async () => {
    const sim = await builtOnNode1(bridgeScript({ replace: [/10\.0\.0\.1\/24/, '10.0.0.1/32'] }));
    expect(ping(sim, 'red', '10.0.0.2').outcome).toMatchObject({ kind: 'unreachable', cause: { drop: 'no-route' } });
  });
});

/** red 10.0.1.2/24 and blue 10.0.2.2/24, each linked to a router netns holding .1 of both. */
function routedScript(opts: { skip?: RegExp; extra?: string[] } = {}): string[] {
  const lines = [
    'ip netns add red',
    'ip netns add blue',
    'ip netns add router',
    'ip link add r-red type veth peer name red0 netns red',
    'ip link add r-blue type veth peer name blue0 netns blue',
    'ip link set r-red netns router',
    'ip link set r-blue netns router',
    'ip -n router addr add 10.0.1.1/24 dev r-red',
    'ip -n router addr add 10.0.2.1/24 dev r-blue',
    'ip -n router link set r-red up',
    'ip -n router link set r-blue up',
    'ip -n red addr add 10.0.1.2/24 dev red0',
    'ip -n blue addr add 10.0.2.2/24 dev blue0',
    'ip -n red link set red0 up',
    'ip -n blue link set blue0 up',
    'ip -n red route add default via 10.0.1.1',
    'ip -n blue route add default via 10.0.2.1',
  ];
  return [...lines.filter((l) => !opts.skip?.test(l)), ...(opts.extra ?? [])];
}

describe('the walk through a hand-built router netns', () => {
  it('routes red to blue when the router forwards (it inherited the node’s ip_forward = 1)', async () => {
    const sim = await builtOnNode1(routedScript());
    const r = ping(sim, 'red', '10.0.2.2');
    expect(r.outcome).toMatchObject({ kind: 'delivered', at: { netns: 'netns/node-1/blue' } });
    expect(r.hops.filter((h) => h.kind === 'link').map((h) => h.netns)).toEqual(['netns/node-1/red', 'netns/node-1/router']);
  });

  it('drops at the router once its ip_forward is 0, without an ICMP error', async () => {
    const sim = await builtOnNode1(routedScript({ extra: ['ip netns exec router sysctl -q -w net.ipv4.ip_forward=0'] }));
    const r = ping(sim, 'red', '10.0.2.2');
    expect(r.outcome).toMatchObject({ kind: 'dropped', cause: { drop: 'forwarding-off', netns: 'netns/node-1/router' } });
    expect(reason(r)).toContain('net.ipv4.ip_forward = 0');
  });

  it('fails without a route out, and without the route back', async () => {
    const noRoute = await builtOnNode1(routedScript({ skip: /red route add/ }));
    expect(ping(noRoute, 'red', '10.0.2.2').outcome).toMatchObject({ kind: 'unreachable', icmp: 'net-unreachable' });
    const noReturn = await builtOnNode1(routedScript({ skip: /blue route add/ }));
    const r = ping(noReturn, 'red', '10.0.2.2');
    // The echo reached blue, but blue cannot answer 10.0.1.2: the reply's failure is the probe's.
    expect(r.outcome).toMatchObject({ kind: 'unreachable', cause: { drop: 'no-route', netns: 'netns/node-1/blue', dst: '10.0.1.2' } });
  });
});

describe('the node and its hand-built namespaces', () => {
  it('reaches red through a bridge that holds the gateway address, and red reaches the node', async () => {
    const sim = await builtOnNode1(bridgeScript({ extra: ['ip addr add 10.0.0.254/24 dev br0', 'ip -n red route add default via 10.0.0.254'] }));
    expect(ping(sim, 'node', '10.0.0.1').outcome).toMatchObject({ kind: 'delivered', at: { netns: 'netns/node-1/red' } });
    expect(ping(sim, 'red', '10.0.0.254').outcome).toMatchObject({ kind: 'delivered', at: { netns: 'node/node-1' } });
    // The node's own InternalIP, through the default route.
    const nodeIp = sim.cluster.get('nodes', undefined, 'node-1')!.status.addresses.find((a) => a.type === 'InternalIP')!.address;
    expect(ping(sim, 'red', nodeIp).outcome.kind).toBe('delivered');
  });

  it('routes between two bridges in the root netns only while the node’s ip_forward is 1', async () => {
    // red on br0 (gateway 10.0.0.254), blue moved to br1 in 10.0.1.0/24 (gateway 10.0.1.254): the node routes between them.
    const sim = await builtOnNode1(
      bridgeScript({
        skip: /blue addr add|veth-blue-br master/,
        extra: [
          'ip addr add 10.0.0.254/24 dev br0',
          'ip -n red route add default via 10.0.0.254',
          'ip link add br1 type bridge',
          'ip link set br1 up',
          'ip link set veth-blue-br master br1',
          'ip addr add 10.0.1.254/24 dev br1',
          'ip -n blue addr add 10.0.1.2/24 dev veth-blue',
          'ip -n blue route add default via 10.0.1.254',
        ],
      }),
    );
    const r = ping(sim, 'red', '10.0.1.2');
    expect(r.outcome).toMatchObject({ kind: 'delivered', at: { netns: 'netns/node-1/blue' } });
    expect(r.hops.filter((h) => h.kind === 'route').map((h) => h.netns)).toContain('node/node-1');
    expect((await sim.exec('ssh node-1 sysctl -w net.ipv4.ip_forward=0')).exitCode).toBe(0);
    expect(ping(sim, 'red', '10.0.1.2').outcome).toMatchObject({ kind: 'dropped', cause: { drop: 'forwarding-off', netns: 'node/node-1', dst: '10.0.1.2' } });
  });
});
