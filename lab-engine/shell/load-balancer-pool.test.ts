// A lab's load-balancer pool (MetalLB's IPAddressPool, or a cloud): LoadBalancer Services get the
// next free address as EXTERNAL-IP and the workstation reaches them through it; without a pool
// they stay <pending>, as on a bare kubeadm cluster.

import { describe, expect, it } from 'vitest';
import { createSimulation, expandAddressRanges, settle } from '../simulation/simulation';

async function shop(pool?: string[]) {
  const sim = createSimulation({ seed: 12, topology: { cni: 'calico', proxyMode: 'iptables', ...(pool ? { loadBalancerPool: pool } : {}) } });
  for (const l of ['kubectl create deployment web --image=nginx', 'kubectl expose deployment web --port 80 --type LoadBalancer']) expect((await sim.exec(l)).exitCode).toBe(0);
  settle(sim);
  return sim;
}

describe('load-balancer pool', () => {
  it('hands out the first free address and routes the workstation to the Service through it', async () => {
    const sim = await shop(['172.18.255.200-172.18.255.201']);
    expect((await sim.exec('kubectl get svc web -o jsonpath={.status.loadBalancer.ingress[0].ip}')).stdout).toBe('172.18.255.200');
    expect((await sim.exec('curl -s -o /dev/null -w "%{http_code}" http://172.18.255.200/')).stdout).toBe('200');
  });

  it('without a pool the EXTERNAL-IP stays <pending>', async () => {
    const sim = await shop();
    expect((await sim.exec('kubectl get svc web')).stdout).toMatch(/\nweb {4}LoadBalancer {3}[\d.]+\s+<pending> {5}80:\d+\/TCP {3}/);
  });

  it('expands ranges as MetalLB lists them', () => {
    expect(expandAddressRanges(['10.0.0.254-10.0.1.1', '192.168.1.5'])).toEqual(['10.0.0.254', '10.0.0.255', '10.0.1.0', '10.0.1.1', '192.168.1.5']);
  });
});
