// A reachability check's `encrypted: true`: read from the walk's hops, it passes only when every
// crossing between nodes is inside WireGuard, and fails (with what crossed, and how) for IP-in-IP,
// for a packet that never leaves its node, and with `expect: denied`, where it means nothing.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle, type FlatnetSimulation } from '../../simulation/simulation';
import { renderFeedback } from '../feedback';
import { ReachabilityCheckSchema } from '../schema';
import { gradeReachabilityCheck } from './reachability-check';
import { wireEncryption } from './wire-encryption';

async function cluster(): Promise<FlatnetSimulation> {
  const sim = createSimulation({ seed: 1 });
  for (const l of [
    `kubectl run web --image=nginx --overrides='{"spec":{"nodeName":"node-2"}}'`,
    `kubectl run client --image=nicolaka/netshoot --overrides='{"spec":{"nodeName":"node-1"}}' --command -- sleep infinity`,
    `kubectl run neighbour --image=nicolaka/netshoot --overrides='{"spec":{"nodeName":"node-2"}}' --command -- sleep infinity`,
    'sleep 30',
  ]) expect((await sim.exec(l)).exitCode, l).toBe(0);
  settle(sim);
  return sim;
}

const check = (from: string) => ReachabilityCheckSchema.parse({ id: 'c', title: 'C', kind: 'reachability', from: { pod: from }, to: { pod: 'web', port: 80 }, expect: 'allowed', encrypted: true });

describe('reachability encrypted: true', () => {
  it('fails on IP-in-IP, naming the crossing; passes once WireGuard carries it', async () => {
    const sim = await cluster();
    const before = gradeReachabilityCheck(check('client'), sim);
    expect(before.passed).toBe(false);
    expect(before.feedbackId).toBe('reachability.not_encrypted');
    expect(renderFeedback(before)).toContain('pod default/client reaches pod default/web:80, but not encrypted: on its way to node-2 (172.18.0.4) it crossed the node network in IP-in-IP, which wraps but does not encrypt');
    await sim.exec(`kubectl patch felixconfiguration default --type=merge -p '{"spec":{"wireguardEnabled":true}}'`);
    const after = gradeReachabilityCheck(check('client'), sim);
    expect(after.passed, after.reason).toBe(true);
    expect(after.reason).toContain('encrypted in WireGuard between the nodes');
  });

  it('fails for two pods on one node: nothing crossed the wire, so nothing proves encryption', async () => {
    const sim = await cluster();
    await sim.exec(`kubectl patch felixconfiguration default --type=merge -p '{"spec":{"wireguardEnabled":true}}'`);
    const r = gradeReachabilityCheck(check('neighbour'), sim);
    expect(r.passed).toBe(false);
    expect(renderFeedback(r)).toContain('the packet never left its node');
    expect(wireEncryption(sim.probe({ from: { kind: 'pod', namespace: 'default', name: 'neighbour' }, dst: sim.cluster.get('pods', 'default', 'web')!.status.podIP!, protocol: 'tcp', dport: 80 }))).toEqual({ kind: 'never-crossed' });
  });

  it('goes only with expect: allowed, and only as true', () => {
    const base = { id: 'c', title: 'C', kind: 'reachability', from: { pod: 'a' }, to: { pod: 'b', port: 80 } };
    expect(ReachabilityCheckSchema.safeParse({ ...base, expect: 'denied', encrypted: true }).success).toBe(false);
    expect(ReachabilityCheckSchema.safeParse({ ...base, expect: 'allowed', encrypted: false }).success).toBe(false);
    expect(ReachabilityCheckSchema.safeParse({ ...base, expect: 'allowed', encrypted: true }).success).toBe(true);
  });
});
