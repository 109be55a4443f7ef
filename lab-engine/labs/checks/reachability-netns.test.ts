// `reachability` checks that send from a network namespace the learner made on a node
// (`from: { node: node-1, netns: red }`), with `protocol: icmp` for a ping: the grader walks the
// echo and its reply through the learner's veths, bridge, addresses and routes, as
// `ip netns exec red ping 10.0.0.2` would, and a failure names what the model saw.

import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../simulation/simulation';
import { ReachabilityCheckSchema } from '../schema';
import { gradeReachabilityCheck } from './reachability-check';
import { renderFeedback } from '../feedback';
import { bridgeScript, builtOnNode1 } from '../../simulation/testing/netns-bridge-kit';

/** red and blue on br0, with the bridge left down: the first failure these checks meet. */
const BUILD = bridgeScript({ skip: /^ip link set br0 up$/ });

const check = ReachabilityCheckSchema.parse({ id: 'red-to-blue', title: 'red pings blue', kind: 'reachability', from: { node: 'node-1', netns: 'red' }, to: { ip: '10.0.0.2' }, protocol: 'icmp', expect: 'allowed' });

describe('reachability from a learner-made netns', () => {
  it('fails while the bridge is down, naming it, and passes once it is up', async () => {
    const sim = await builtOnNode1(BUILD);
    const down = await gradeReachabilityCheck(check, sim);
    expect(down.passed).toBe(false);
    expect(down.reason).toContain('br0');
    expect(renderFeedback(down)).toContain('br0 is down');
    await sim.exec('ssh node-1 ip link set br0 up');
    const up = await gradeReachabilityCheck(check, sim);
    expect(up).toMatchObject({ passed: true });
  });

  it('fails for a netns that does not exist', async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await gradeReachabilityCheck(check, sim);
    expect(r.passed).toBe(false);
    expect(renderFeedback(r)).toContain('there is no network namespace red on node-1');
  });

  it('validates the sender and the icmp target', () => {
    expect(ReachabilityCheckSchema.safeParse({ id: 'x', title: 'x', kind: 'reachability', from: { node: 'node-1', netns: 'red' }, to: { ip: '10.0.0.2', port: 80 }, protocol: 'icmp', expect: 'allowed' }).success).toBe(false);
    expect(ReachabilityCheckSchema.safeParse({ id: 'x', title: 'x', kind: 'reachability', from: { node: 'node-1', netns: 'red' }, to: { ip: '10.0.0.2' }, expect: 'allowed' }).success).toBe(false);
    expect(ReachabilityCheckSchema.safeParse({ id: 'x', title: 'x', kind: 'reachability', from: { node: 'node-1', netns: 'red', selector: 'a=b' }, to: { ip: '10.0.0.2' }, protocol: 'icmp', expect: 'allowed' }).success).toBe(false);
  });
});
