// `backend: self`: every pod the check sends from calls the Service with kube-proxy's pick forced
// to the caller itself (the grader tries its fixed random sources until the DNAT or the IPVS real
// server is the caller), so a bridge port with hairpin_mode off fails it for that pod, and fixing
// one pod's port is not enough. A caller that is not one of the Service's endpoints fails apart.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle, type FlatnetSimulation } from '../../simulation/simulation';
import type { TopologyOptions } from '../../core/topology';
import { ReachabilityCheckSchema } from '../schema';
import { gradeReachabilityCheck } from './reachability-check';
import { renderFeedback } from '../feedback';

const HARDEN = (node: string) => `ssh ${node} "sed -i 's/hairpinMode\\": true/hairpinMode\\": false/' /etc/cni/net.d/10-flannel.conflist"`;

async function cluster(topology: TopologyOptions, before: string[]): Promise<FlatnetSimulation> {
  const sim = createSimulation({ seed: 4, topology });
  const script = [...before, 'kubectl create deployment web --image=nginx --replicas=4 --port=80', 'kubectl expose deployment web --port=80', 'kubectl run client --image=busybox -- sleep 3600'];
  for (const line of script) expect((await sim.exec(line)).exitCode, line).toBe(0);
  settle(sim);
  return sim;
}

const check = (fields: Record<string, unknown> = {}) =>
  ReachabilityCheckSchema.parse({ id: 'c', title: 'C', kind: 'reachability', from: { selector: 'app=web' }, to: { service: 'web', port: 80 }, expect: 'allowed', backend: 'self', ...fields });

describe('reachability backend: self', () => {
  it('needs calling pods and a Service target, and takes only "self"', () => {
    const base = { id: 'c', title: 'C', kind: 'reachability', from: { selector: 'app=web' }, expect: 'allowed' };
    expect(ReachabilityCheckSchema.safeParse({ ...base, to: { ip: '10.0.0.1', port: 80 }, backend: 'self' }).error?.issues[0]?.message).toMatch(/backend: self needs pods in from and a service target/);
    expect(ReachabilityCheckSchema.safeParse({ ...base, from: 'workstation', to: { service: 'web', port: 80 }, backend: 'self' }).error?.issues[0]?.message).toMatch(/backend: self needs pods in from/);
    expect(ReachabilityCheckSchema.safeParse({ ...base, to: { service: 'web', port: 80 }, backend: 'any' }).error?.issues[0]?.message).toBe('backend must be "self"');
  });

  it('fails for the first replica whose port has hairpin off, naming the bridge', async () => {
    const sim = await cluster({ cni: 'flannel', proxyMode: 'iptables' }, [HARDEN('node-1'), HARDEN('node-2')]);
    const result = gradeReachabilityCheck(check(), sim);
    expect(result).toMatchObject({ passed: false, feedbackId: 'reachability.unexpectedly_denied' });
    expect(renderFeedback(result)).toMatch(/through itself as the endpoint, cannot reach service default\/web:80: cni0 on node-\d will not send a frame back out veth[0-9a-f]+, the port it came in by: hairpin_mode is off/);
  });

  it("is not satisfied by one node's pods: node-2's replicas were created under the hardened config", async () => {
    const sim = await cluster({ cni: 'flannel', proxyMode: 'iptables' }, [HARDEN('node-2')]);
    expect(gradeReachabilityCheck(check({ from: { selector: 'app=web', node: 'node-1' } }), sim).passed).toBe(true);
    const all = gradeReachabilityCheck(check(), sim);
    expect(all.passed).toBe(false);
    expect(renderFeedback(all)).toContain('cni0 on node-2');
  });

  it('passes once every replica port has hairpin on', async () => {
    const sim = await cluster({ cni: 'flannel', proxyMode: 'iptables' }, [HARDEN('node-1'), HARDEN('node-2')]);
    for (const node of ['node-1', 'node-2']) {
      const ports = [...(await sim.exec(`ssh ${node} bridge link show`)).stdout.matchAll(/^\d+: (veth[0-9a-f]+)@/gm)].map((m) => m[1]);
      for (const port of ports) expect((await sim.exec(`ssh ${node} bridge link set dev ${port} hairpin on`)).exitCode).toBe(0);
    }
    expect(gradeReachabilityCheck(check(), sim)).toMatchObject({ passed: true, feedbackId: 'reachability.allowed_ok' });
  });

  it('finds the caller as the IPVS real server too', async () => {
    const sim = await cluster({ cni: 'calico', proxyMode: 'ipvs' }, []);
    expect(gradeReachabilityCheck(check(), sim)).toMatchObject({ passed: true, feedbackId: 'reachability.allowed_ok' });
  });

  it('fails a caller that is not one of the endpoints', async () => {
    const sim = await cluster({ cni: 'flannel', proxyMode: 'iptables' }, []);
    const result = gradeReachabilityCheck(check({ from: { pod: 'client' } }), sim);
    expect(result).toMatchObject({ passed: false, feedbackId: 'reachability.not_own_endpoint' });
    expect(renderFeedback(result)).toBe("kube-proxy never sent pod default/client's connection to service default/web:80 back to pod default/client itself (64 tries): it is not one of the Service's ready endpoints");
  });
});
