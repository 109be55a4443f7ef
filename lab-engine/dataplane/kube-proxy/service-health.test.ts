// kube-proxy's healthCheckNodePort server, through the packet engine: the node with a ready local
// endpoint answers 200, a node without one 503, with the JSON body and headers kube-proxy v1.34
// writes (pkg/proxy/healthcheck/service_health.go, hcHandler.ServeHTTP); a Cluster-policy Service
// has no such server.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import type { ProxyInputs } from '../../cluster/kube-proxy-sync';
import { localReadyEndpoints, serviceHealthBody } from './service-health';

async function localLoadBalancer(replicas: number) {
  const sim = createSimulation({ seed: 3, topology: { cni: 'calico', proxyMode: 'iptables', loadBalancerPool: ['172.18.255.200-172.18.255.201'] } });
  for (const line of [
    `kubectl create deployment web --image=nginx --replicas=${replicas} --port=80`,
    'kubectl expose deployment web --port=80 --type=LoadBalancer',
    `kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Local"}}'`,
  ]) {
    const r = await sim.exec(line, { history: false });
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.combined}`);
  }
  settle(sim);
  const port = sim.cluster.get('services', 'default', 'web')!.spec.healthCheckNodePort!;
  const podNode = sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'web')!.spec.nodeName!;
  const ipOf = (node: string) => sim.cluster.get('nodes', undefined, node)!.status.addresses.find((a) => a.type === 'InternalIP')!.address;
  return { sim, port, podNode, ipOf };
}

describe('kube-proxy service health check server', () => {
  it('prints the JSON as the handler does: tabs from dedent, no trailing newline', () => {
    expect(serviceHealthBody('default', 'web', 1, true)).toBe('{\n\t"service": {\n\t\t"namespace": "default",\n\t\t"name": "web"\n\t},\n\t"localEndpoints": 1,\n\t"serviceProxyHealthy": true\n}');
  });

  it('answers 200 on the node with the pod and 503 on the other worker', async () => {
    const { sim, port, podNode, ipOf } = await localLoadBalancer(1);
    const other = podNode === 'node-1' ? 'node-2' : 'node-1';
    const healthy = await sim.exec(`curl -si http://${ipOf(podNode)}:${port}/healthz`, { history: false });
    expect(healthy.exitCode).toBe(0);
    expect(healthy.stdout).toMatch(/^HTTP\/1\.1 200 OK\r?\nContent-Type: application\/json\r?\nX-Content-Type-Options: nosniff\r?\nX-Load-Balancing-Endpoint-Weight: 1\r?\nDate: .*\r?\nContent-Length: 114\r?\n/);
    expect(healthy.stdout).toContain('"localEndpoints": 1,');
    const empty = await sim.exec(`curl -s -o /dev/null -w '%{http_code}' http://${ipOf(other)}:${port}/`, { history: false });
    expect(empty.stdout).toBe('503');
  });

  it('answers the grader too, on any path', () => {
    return localLoadBalancer(1).then(({ sim, port, podNode, ipOf }) => {
      const result = sim.httpGet({ from: { kind: 'external', host: 'workstation' }, dst: ipOf(podNode), port, host: `${ipOf(podNode)}:${port}`, path: '/anything' });
      expect(result.kind).toBe('response');
      if (result.kind === 'response') {
        expect(result.status).toBe(200);
        expect(result.servedBy.join()).toContain('1 local ready endpoint');
      }
    });
  });

  it('shows as kube-proxy\'s socket in ss on every node, after its own listeners', async () => {
    const { sim, port } = await localLoadBalancer(1);
    const r = await sim.exec('ssh node-2 ss -ltnp', { history: false });
    expect(r.stdout).toMatch(new RegExp(`LISTEN 0 +4096 +0\\.0\\.0\\.0:${port} +0\\.0\\.0\\.0:\\* +users:\\(\\("kube-proxy",pid=1873,fd=13\\)\\)`));
  });

  it('goes away when the Service is back to externalTrafficPolicy: Cluster', async () => {
    const { sim, port, podNode, ipOf } = await localLoadBalancer(1);
    await sim.exec(`kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Cluster"}}'`, { history: false });
    settle(sim);
    const r = await sim.exec(`curl -s http://${ipOf(podNode)}:${port}/healthz`, { history: false });
    expect(r.exitCode).toBe(7);
  });

  it('is gone from a node whose kube-proxy crash-loops: the probe is refused, so a load balancer marks the node down', async () => {
    const { sim, port, podNode, ipOf } = await localLoadBalancer(1);
    for (const line of [
      `kubectl -n kube-system get configmap kube-proxy -o yaml | sed 's/^    mode: ""$/    mode: "iptabels"/' | kubectl apply -f -`,
      `kubectl -n kube-system delete pod $(kubectl -n kube-system get pods -l k8s-app=kube-proxy --field-selector spec.nodeName=${podNode} -o jsonpath='{.items[0].metadata.name}')`,
      'sleep 60',
    ]) {
      const r = await sim.exec(line, { history: false });
      if (r.exitCode !== 0) throw new Error(`${line}: ${r.combined}`);
    }
    const r = await sim.exec(`curl -s http://${ipOf(podNode)}:${port}/healthz`, { history: false });
    expect(r.exitCode).toBe(7);
  });

  it('counts distinct ready local addresses; terminating and remote endpoints do not count', () => {
    const ep = (ip: string, nodeName: string, ready: boolean) => ({ addresses: [ip], nodeName, conditions: { ready, serving: true, terminating: !ready } });
    const slice = (ports: number[], endpoints: ReturnType<typeof ep>[]) => ({
      apiVersion: 'discovery.k8s.io/v1' as const,
      kind: 'EndpointSlice' as const,
      metadata: { name: `web-${ports.join('-')}`, namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-01-05T09:00:00Z', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4' as const,
      endpoints,
      ports: ports.map((port) => ({ name: `p${port}`, port, protocol: 'TCP' as const })),
    });
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: {}, status: { loadBalancer: {} } } as unknown as ProxyInputs['services'][number];
    const inputs: ProxyInputs = {
      services: [service],
      // The same pod behind two ports counts once, as kube-proxy squashes by IP.
      endpointSlices: [slice([80], [ep('10.244.1.2', 'node-1', true), ep('10.244.1.3', 'node-1', false), ep('10.244.2.2', 'node-2', true)]), slice([443], [ep('10.244.1.2', 'node-1', true)])],
    };
    expect(localReadyEndpoints(inputs, 'node-1', 'default', 'web')).toBe(1);
    expect(localReadyEndpoints(inputs, 'node-2', 'default', 'web')).toBe(1);
    expect(localReadyEndpoints(inputs, 'control-plane', 'default', 'web')).toBe(0);
    expect(localReadyEndpoints({ ...inputs, services: [] }, 'node-1', 'default', 'web')).toBe(0);
  });
});
