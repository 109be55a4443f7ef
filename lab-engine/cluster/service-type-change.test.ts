// Changing a Service's type on update, as kube-apiserver's dropTypeDependentFields does: a
// NodePort or LoadBalancer Service turned into a ClusterIP gives back its node ports (and its
// load-balancer address) when the request left them as they were; a node port the request adds
// to a ClusterIP Service is still refused.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../simulation/simulation';

async function cluster() {
  const sim = createSimulation({ seed: 4, topology: { cni: 'calico', proxyMode: 'iptables', loadBalancerPool: ['172.18.255.200'] } });
  for (const line of ['kubectl create service nodeport shop --tcp=80:8080 --node-port=30080', 'kubectl create service loadbalancer old --tcp=80:80', 'kubectl create service loadbalancer waiting --tcp=80:80']) {
    expect((await sim.exec(line)).stderr).toBe('');
  }
  settle(sim);
  return sim;
}

const get = async (sim: Awaited<ReturnType<typeof cluster>>, cmd: string) => (await sim.exec(cmd)).stdout;

describe('a Service changed to ClusterIP', () => {
  it('drops the node ports and externalTrafficPolicy it no longer uses, and frees the port for another Service', async () => {
    const sim = await cluster();
    const patched = await sim.exec(`kubectl patch svc shop -p '{"spec":{"type":"ClusterIP"}}'`);
    expect(patched).toMatchObject({ exitCode: 0, stdout: 'service/shop patched\n' });
    expect(await get(sim, "kubectl get svc shop -o jsonpath='{.spec.type} {.spec.ports[0].nodePort} {.spec.externalTrafficPolicy}'")).toBe('ClusterIP  ');
    expect((await sim.exec('kubectl create service nodeport other --tcp=80:80 --node-port=30080')).exitCode).toBe(0);
  });

  it('gives its load-balancer address to the Service waiting for one', async () => {
    const sim = await cluster();
    expect(await get(sim, "kubectl get svc waiting -o jsonpath='{.status.loadBalancer}'")).toBe('{}');
    expect((await sim.exec(`kubectl patch svc old -p '{"spec":{"type":"ClusterIP"}}'`)).exitCode).toBe(0);
    settle(sim);
    expect(await get(sim, "kubectl get svc old -o jsonpath='{.status.loadBalancer}'")).toBe('{}');
    expect(await get(sim, "kubectl get svc waiting -o jsonpath='{.status.loadBalancer.ingress[0].ip}'")).toBe('172.18.255.200');
  });

  it('still refuses a nodePort the request adds', async () => {
    const sim = await cluster();
    const r = await sim.exec(`kubectl patch svc shop -p '{"spec":{"type":"ClusterIP","ports":[{"port":80,"nodePort":30081}]}}'`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
  });
});
