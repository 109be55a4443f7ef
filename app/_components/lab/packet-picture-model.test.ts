// The picture's model from real walks: the netpol lab's cluster (calico, iptables), graded by the
// engine's own reachability checks, once delivered (a "denied" check that fails) and once dropped
// by a NetworkPolicy (an "allowed" check that fails). Names and order come from the hops' data.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gradeCheck } from '../../../lab-engine/labs/grader';
import { ReachabilityCheckSchema } from '../../../lab-engine/labs/schema';
import { toCheckResultMessage, type PacketTrace } from '../../../lab-engine/protocol';
import { createSimulation, settle } from '../../../lab-engine/simulation/simulation';
import { packetPicture } from './packet-picture-model';

const LAB = 'content/labs/netpol-frontend-to-backend';
const DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-all, namespace: production }
spec: { podSelector: {}, policyTypes: [Ingress] }
`;

async function traceOf(from: string, expect: 'allowed' | 'denied', extra?: string): Promise<PacketTrace> {
  const files = { '/lab/app.yaml': readFileSync(`${LAB}/files/app.yaml`, 'utf8'), '/lab/extra.yaml': extra ?? '' };
  const sim = createSimulation({ seed: 7, topology: { cni: 'calico', proxyMode: 'iptables' }, files });
  const lines = ['kubectl apply -f /lab/app.yaml', ...(extra ? ['kubectl apply -f /lab/extra.yaml'] : [])];
  for (const line of lines) {
    const r = await sim.exec(line);
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.combined}`);
  }
  settle(sim);
  const check = ReachabilityCheckSchema.parse({ id: 'c', title: 'C', kind: 'reachability', from: { namespace: 'production', selector: `app=${from}` }, to: { service: 'backend', port: 8080 }, expect });
  const message = JSON.parse(JSON.stringify(toCheckResultMessage(await gradeCheck(check, sim)))) as { trace?: PacketTrace };
  if (!message.trace) throw new Error('no trace on the failed check');
  return message.trace;
}

/** The hops as drawn, top to bottom: `place | hook`. */
const drawn = (picture: ReturnType<typeof packetPicture>) => picture.hops.map((h) => `${h.place} | ${h.hook}`);

describe('packet picture model', () => {
  it('draws a delivered packet hop by hop, the DNAT marked as a rewrite and the socket as delivered', async () => {
    const picture = packetPicture(await traceOf('monitoring', 'denied'));
    expect(picture.probe).toBe('pod production/monitoring → 10.111.158.46 tcp/8080');
    expect(picture.outcome).toBe('delivered');
    expect(drawn(picture)).toEqual([
      'pod production/monitoring | route (FIB)',
      'pod production/monitoring | veth',
      'node node-1 | nat PREROUTING',
      'node node-1 | route (FIB)',
      'node node-1 | veth',
      expect.stringMatching(/^pod production\/backend-[a-z0-9]+-[a-z0-9]+ \| socket$/),
    ]);
    expect(picture.hops.map((h) => h.emphasis)).toEqual(['plain', 'plain', 'rewritten', 'plain', 'plain', 'delivered']);
    const dnat = picture.hops[2];
    expect(dnat.decision).toBe('DNAT 10.111.158.46:8080 → 10.244.1.2:80');
    expect(dnat.rule).toMatch(/^-A KUBE-SEP-\S+ .*-j DNAT --to-destination 10\.244\.1\.2:80$/);
    expect(picture.hops[5].decision).toMatch(/^accepted at pod production\/backend-\S+ tcp\/80$/);
  });

  it('draws a packet dropped by NetworkPolicy, the policy hop marked with its rule', async () => {
    const picture = packetPicture(await traceOf('frontend', 'allowed', DENY_ALL));
    expect(picture.outcome).toBe('dropped');
    expect(drawn(picture)).toEqual([
      'pod production/frontend | route (FIB)',
      'pod production/frontend | veth',
      'node node-2 | nat PREROUTING',
      'node node-2 | route (FIB)',
      'node node-2 | ipip encap',
      'node node-2 | wire',
      'node node-1 | ipip decap',
      'node node-1 | route (FIB)',
      'node node-1 | NetworkPolicy ingress',
    ]);
    expect(picture.hops.filter((h) => h.emphasis === 'dropped').map((h) => h.index)).toEqual([8]);
    const policy = picture.hops[8];
    expect(policy.decision).toBe('denied');
    expect(policy.rule).toBe('selected by production/deny-all; no rule allows');
    expect(policy.details).toContainEqual({ label: 'reason', value: 'netpol.ingress.no_policy_allows' });
  });

  it('draws a ping between namespaces a learner built, across their bridge', async () => {
    const sim = createSimulation({ seed: 1 });
    const build = ['ip netns add red', 'ip netns add blue', 'ip link add br0 type bridge', 'ip link set br0 up'];
    for (const ns of ['red', 'blue']) build.push(`ip link add veth-${ns} type veth peer name veth-${ns}-br`, `ip link set veth-${ns} netns ${ns}`, `ip link set veth-${ns}-br master br0`, `ip link set veth-${ns}-br up`, `ip -n ${ns} link set veth-${ns} up`);
    build.push('ip -n red addr add 10.0.0.1/24 dev veth-red', 'ip -n blue addr add 10.0.0.2/24 dev veth-blue');
    for (const line of build) expect((await sim.exec(`ssh node-1 ${line}`)).stderr, line).toBe('');
    const check = ReachabilityCheckSchema.parse({ id: 'c', title: 'C', kind: 'reachability', from: { node: 'node-1', netns: 'red' }, to: { ip: '10.0.0.2' }, protocol: 'icmp', expect: 'denied' });
    const { trace } = JSON.parse(JSON.stringify(toCheckResultMessage(await gradeCheck(check, sim)))) as { trace?: PacketTrace };
    const picture = packetPicture(trace!);
    expect(picture.outcome).toBe('delivered');
    const link = picture.hops.find((h) => h.hook === 'bridge br0');
    expect(link?.decision).toBe('veth-red → veth-blue (netns blue)');
    expect(link?.details).toContainEqual({ label: 'ARP answered for', value: '10.0.0.2' });
  });
});
