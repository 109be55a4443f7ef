// The walk records what decided each hop as typed data, not text: these tests read the decisions
// themselves (the route, the DNAT with its Service, the policy verdict with its reason ID, the
// REJECT for a Service without endpoints, the MTU check) and the typed cause of an outcome.

import { describe, expect, it } from 'vitest';
import { webCluster } from '../../simulation/testing/packet-test-kit';
import { syncIpvs, ipvsSchedule } from '../kube-proxy/ipvs';
import { makeService, makeSlice } from '../kube-proxy/testing-fixtures';
import { boundPacketTrace, packetTrace, TRACE_LIMITS } from './packet-trace';
import { hopSummary } from './render-hop';
import { outcomeReason } from './render-outcome';
import type { Hop, IpvsHopDecision } from './types';

const DENY_WEB = `kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-from-frontend
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: frontend
    ports:
    - port: 80
EOF`;

function only<K extends Hop['kind']>(hops: readonly Hop[], kind: K): Extract<Hop, { kind: K }>[] {
  return hops.filter((h): h is Extract<Hop, { kind: K }> => h.kind === kind);
}

describe('typed hop decisions', () => {
  it('delivered pod → pod: each hop says where it was and what decided it; the socket that accepted ends it', async () => {
    const c = await webCluster('calico');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 80 });
    expect(r.outcome.kind).toBe('delivered');
    const [podRoute, nodeRoute] = only(r.hops, 'route');
    expect(podRoute).toMatchObject({ netns: 'pod/default/client', node: c.client.spec.nodeName, lookup: 'fib', result: 'unicast', dev: 'eth0', via: '169.254.1.1', devOut: 'eth0', route: { dst: 'default', via: '169.254.1.1' } });
    expect(nodeRoute).toMatchObject({ netns: `node/${c.client.spec.nodeName}`, lookup: 'fib', result: 'unicast', dev: 'tunl0', route: { proto: 'bird', onlink: true } });
    expect(only(r.hops, 'veth')[0]).toMatchObject({ into: 'node', dev: 'eth0', node: c.client.spec.nodeName, devOut: 'eth0' });
    expect(only(r.hops, 'encap')[0]).toMatchObject({ tunnel: 'ipip', dev: 'tunl0', overheadBytes: 20, outer: { dst: expect.stringMatching(/^172\.18\.0\.\d$/) } });
    expect(only(r.hops, 'wire')[0]).toMatchObject({ path: 'tunnel', toNode: c.remoteWeb.spec.nodeName });
    expect(r.hops.at(-1)).toMatchObject({
      kind: 'deliver',
      netns: `pod/default/${c.remoteWeb.metadata.name}`,
      node: c.remoteWeb.spec.nodeName,
      host: { kind: 'pod', namespace: 'default', name: c.remoteWeb.metadata.name },
      result: 'accepted',
      protocol: 'tcp',
      port: 80,
      peer: c.client.status.podIP,
    });
    // Decisions are data: no rendered text rides along.
    expect(r.hops.some((h) => 'summary' in h || 'because' in h)).toBe(false);
  });

  it("a Service's DNAT names the Service, the rules that matched, the endpoint draw and the rewrite", async () => {
    const c = await webCluster('calico');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.web.spec.clusterIP!, protocol: 'tcp', dport: 80 });
    if (r.outcome.kind !== 'delivered') throw new Error(r.outcome.kind);
    const [nat] = only(r.hops, 'netfilter');
    expect(nat).toMatchObject({
      table: 'nat',
      chain: 'PREROUTING',
      verdict: 'DNAT',
      service: { namespace: 'default', name: 'web', port: 80 },
      dnat: { from: { ip: c.web.spec.clusterIP, port: 80 }, to: { ip: r.outcome.at.ip, port: 80 } },
    });
    expect(nat.matched.map((m) => m.chain)).toEqual(['KUBE-SERVICES', expect.stringMatching(/^KUBE-SVC-/), expect.stringMatching(/^KUBE-SEP-/)]);
    expect(nat.matched.at(-1)!.spec).toContain(`-j DNAT --to-destination ${r.outcome.at.ip}:80`);
    expect(nat.matched.every((m) => Number.isInteger(m.ruleNumber) && m.ruleNumber > 0)).toBe(true);
    expect(nat.draws!.length).toBeGreaterThan(0);
    expect(nat.rulesEvaluated).toBeGreaterThan(0);
    // The hop keeps the headers as they were before the rewrite; the next hop sees the endpoint.
    expect(nat.headers.dst).toBe(c.web.spec.clusterIP);
    expect(r.hops[r.hops.indexOf(nat) + 1].headers.dst).toBe(r.outcome.at.ip);
  });

  it('a NetworkPolicy drop carries the engine verdict with its reason ID, as the outcome\'s typed cause', async () => {
    const c = await webCluster('calico');
    expect((await c.sim.exec(DENY_WEB)).exitCode).toBe(0);
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.web.spec.clusterIP!, protocol: 'tcp', dport: 80 });
    if (r.outcome.kind !== 'dropped') throw new Error(r.outcome.kind);
    const cause = r.outcome.cause;
    expect(cause).toMatchObject({
      kind: 'policy',
      direction: 'ingress',
      cni: 'calico',
      enforced: true,
      protocol: 'tcp',
      port: 80,
      peer: c.client.status.podIP,
      verdict: { direction: 'ingress', isolated: true, allowed: false, reason: 'netpol.ingress.no_policy_allows', selectedBy: [{ namespace: 'default', name: 'web-from-frontend' }] },
    });
    if (cause.kind !== 'policy') throw new Error(cause.kind);
    expect(cause.verdict.rules).toEqual([expect.objectContaining({ ruleIndex: 0, peerMatched: false, portMatched: true, allows: false })]);
    // The cause is the last hop's decision and place, without its headers.
    expect(cause.netns).toBe(r.hops.at(-1)!.netns);
    expect('headers' in cause).toBe(false);
    expect(outcomeReason(r.outcome)).toBe(hopSummary(r.hops.at(-1)!));
  });

  it('a Service with no endpoints is REJECTed by a rule that says so and names the Service', async () => {
    const c = await webCluster('calico');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.empty.spec.clusterIP!, protocol: 'tcp', dport: 80 });
    expect(r.outcome).toEqual({ kind: 'refused', by: 'reject-rule' });
    expect(r.hops.at(-1)).toMatchObject({
      kind: 'netfilter',
      table: 'filter',
      chain: 'FORWARD',
      verdict: 'REJECT',
      reject: { with: 'icmp-port-unreachable', because: 'no-endpoints' },
      service: { namespace: 'default', name: 'empty', port: 80 },
      matched: [expect.objectContaining({ chain: 'KUBE-SERVICES', spec: expect.stringContaining('default/empty:80-80 has no endpoints') })],
    });
  });

  it('in IPVS mode a virtual server without real servers is the decision; one with them records its pick', async () => {
    const c = await webCluster('calico', 'ipvs');
    const refused = c.sim.network.probe({ from: c.fromClient, dst: c.empty.spec.clusterIP!, protocol: 'tcp', dport: 80 });
    expect(refused.outcome).toEqual({ kind: 'refused', by: 'reject-rule' });
    const none = refused.hops.at(-1) as Extract<Hop, { kind: 'ipvs' }>;
    expect(none).toMatchObject({ kind: 'ipvs', virtualServer: { address: c.empty.spec.clusterIP, port: 80, scheduler: 'rr', servicePortName: 'default/empty:80-80' }, service: { namespace: 'default', name: 'empty', port: 80 } });
    expect(none.realServer).toBeUndefined();
    const sent = c.sim.network.probe({ from: c.fromClient, dst: c.web.spec.clusterIP!, protocol: 'tcp', dport: 80 });
    expect(only(sent.hops, 'ipvs')[0]).toMatchObject({ realServer: { port: 80, weight: 1 }, pick: { scheduler: 'rr', of: 2 } });
  });

  it('a packet too big for the tunnel with DF set comes back unreachable; the MTU decision is the cause', async () => {
    const c = await webCluster('calico');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'icmp', sizeBytes: 1500, df: true });
    expect(r.outcome).toEqual({
      kind: 'unreachable',
      icmp: 'frag-needed',
      mtu: 1480,
      netns: 'pod/default/client',
      cause: { kind: 'mtu', netns: 'pod/default/client', node: c.client.spec.nodeName, dev: 'eth0', mtu: 1480, sizeBytes: 1500, action: 'frag-needed' },
    });
    const fragmented = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'icmp', sizeBytes: 1500, df: false });
    expect(only(fragmented.hops, 'mtu')[0]).toMatchObject({ action: 'fragmented', fragments: 2, mtu: 1480 });
  });

  it('an address nobody routes is unreachable with the failed lookup as its cause; a missing sender is a walk failure', async () => {
    const c = await webCluster('calico');
    const r = c.sim.network.probe({ from: c.fromClient, dst: '10.244.2.250', protocol: 'tcp', dport: 80 });
    expect(r.outcome).toMatchObject({ kind: 'unreachable', icmp: 'host-unreachable', cause: { kind: 'drop', drop: 'no-route', dst: '10.244.2.250', failure: 'blackhole', netns: 'node/node-2' } });
    const ghost = c.sim.network.probe({ from: { kind: 'pod', namespace: 'default', name: 'ghost' }, dst: '10.244.2.250', protocol: 'tcp', dport: 80 });
    expect(ghost.outcome).toEqual({ kind: 'unreachable', cause: { kind: 'walk', failure: 'no-such-pod', namespace: 'default', name: 'ghost' } });
    expect(ghost.hops).toEqual([]);
  });
});

describe('packetTrace', () => {
  it('is plain JSON and points at the hop that decided', async () => {
    const c = await webCluster('calico');
    expect((await c.sim.exec(DENY_WEB)).exitCode).toBe(0);
    const probe = { from: c.fromClient, dst: c.web.spec.clusterIP!, protocol: 'tcp' as const, dport: 80 };
    const trace = packetTrace(probe, c.sim.network.checkProbe(probe));
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
    expect(trace.decidedAt).toBe(trace.hops.length - 1);
    expect(trace.hops[trace.decidedAt!].kind).toBe('policy');
    expect(boundPacketTrace(trace)).toEqual(trace);
  });

  it('bounds long lists and long walks, keeping the deciding hop', async () => {
    const c = await webCluster('calico');
    const probe = { from: c.fromClient, dst: c.empty.spec.clusterIP!, protocol: 'tcp' as const, dport: 80 };
    const trace = packetTrace(probe, c.sim.network.checkProbe(probe));
    const last = trace.hops.at(-1)!;
    if (last.kind !== 'netfilter') throw new Error(last.kind);
    const many = { ...last, matched: Array.from({ length: 40 }, (_, i) => ({ chain: 'KUBE-SERVICES', ruleNumber: i + 1, spec: `-A KUBE-SERVICES rule ${i}` })) };
    const long = { ...trace, hops: [...Array.from({ length: 100 }, () => trace.hops[0]), many], decidedAt: 100 };
    const bounded = boundPacketTrace(long);
    expect(bounded.truncated).toBe(true);
    expect(bounded.hops).toHaveLength(TRACE_LIMITS.hops);
    expect(bounded.decidedAt).toBe(TRACE_LIMITS.hops - 1);
    expect(bounded.hops.at(-1)).toMatchObject({ kind: 'netfilter', verdict: 'REJECT', matched: expect.any(Array) });
    expect((bounded.hops.at(-1) as typeof many).matched).toHaveLength(TRACE_LIMITS.listItems);
  });
});

describe('IPVS picks render as kube-proxy explains them', () => {
  it.each(['rr', 'lc', 'sh'] as const)('%s', (scheduler) => {
    const node = { name: 'node-1', nodeIP: '192.168.17.130', clusterCIDR: '10.244.0.0/16' };
    const services = [makeService('default', 'web', { clusterIP: '10.96.5.5', ports: [{ port: 80 }] })];
    const slices = [makeSlice('default', 'web', [{ port: 80 }], [{ ip: '10.244.1.2' }, { ip: '10.244.2.3' }])];
    const state = syncIpvs({ services, endpointSlices: slices, node, scheduler });
    const lookup = ipvsSchedule(state, { protocol: 'tcp', src: '10.244.9.9', dst: '10.96.5.5', dport: 80 });
    if (lookup.kind !== 'forward') throw new Error(lookup.kind);
    const vs = lookup.virtualServer;
    const decision: IpvsHopDecision = {
      kind: 'ipvs',
      node: 'node-1',
      virtualServer: { protocol: vs.protocol, address: vs.address, port: vs.port, scheduler: vs.scheduler, servicePortName: vs.service.nameString, serviceKind: vs.service.kind },
      realServer: { address: lookup.realServer.address, port: lookup.realServer.port, weight: lookup.realServer.weight },
      pick: lookup.pick,
    };
    expect(hopSummary({ ...decision, netns: 'node/node-1' })).toBe(`IPVS on node-1: ${lookup.reason}`);
  });
});
