import { describe, expect, it } from 'vitest';
import { ManualClock, SIMULATION_EPOCH_MS } from '../core/clock';
import { createRng } from '../core/random';
import { Cluster } from './cluster';
import { bootstrapCluster } from '../simulation/cluster-bootstrap';
import type { ApiError } from '../kube/api-errors';
import type { ServiceRequest } from './service-admission';
import { mustParseIPv4 } from '../kube/ipv4';

function fresh(seed = 1) {
  const clock = new ManualClock(SIMULATION_EPOCH_MS);
  return { clock, cluster: bootstrapCluster(clock, createRng(seed), { cni: 'calico', proxyMode: 'iptables' }) };
}

const svc = (extra: Partial<ServiceRequest> = {}): ServiceRequest => ({ name: 'web', namespace: 'default', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }], ...extra });

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as ApiError).message;
  }
  return 'no error';
}

function deployWeb(cluster: Cluster, name = 'web', port = 8080, portName = 'http', replicas = 2) {
  cluster.api.create('deployments', {
    name,
    namespace: 'default',
    replicas,
    selector: { matchLabels: { app: name } },
    template: { labels: { app: name, tier: 'web' }, containers: [{ name: 'srv', image: 'nginx', ports: [{ containerPort: port, name: portName }] }] },
  });
}

describe('kubeadm services', () => {
  it('kubernetes is 10.96.0.1 with the API server as its endpoint; kube-dns is 10.96.0.10 over the coredns pods', () => {
    const { cluster } = fresh();
    const k = cluster.get('services', 'default', 'kubernetes')!;
    expect(k.spec).toMatchObject({ clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], type: 'ClusterIP', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] });
    expect(cluster.get('endpoints', 'default', 'kubernetes')?.subsets).toEqual([{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    const dns = cluster.get('services', 'kube-system', 'kube-dns')!;
    expect(dns.spec.clusterIP).toBe('10.96.0.10');
    expect(dns.spec.ports?.map((p) => `${p.name} ${p.port}/${p.protocol}`)).toEqual(['dns 53/UDP', 'dns-tcp 53/TCP', 'metrics 9153/TCP']);
    const ep = cluster.get('endpoints', 'kube-system', 'kube-dns')!;
    const coredns = cluster.list('pods', 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns');
    expect(ep.subsets?.[0].addresses?.map((a) => a.ip)).toEqual(coredns.map((p) => p.status.podIP).sort());
  });
});

describe('Service allocation and validation', () => {
  it('hands out ClusterIPs from the upper band of 10.96.0.0/12', () => {
    const { cluster } = fresh();
    const ip = cluster.api.create('services', svc()).spec.clusterIP!;
    const n = mustParseIPv4(ip);
    expect(n).toBeGreaterThanOrEqual(mustParseIPv4('10.96.1.0'));
    expect(n).toBeLessThan(mustParseIPv4('10.112.0.0'));
  });

  it('refuses a taken or out-of-range ClusterIP and a bad NodePort with the API server texts, changing nothing', () => {
    const { cluster } = fresh();
    expect(errorOf(() => cluster.api.create('services', svc({ clusterIP: '10.96.0.10' })))).toBe(
      'Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
    expect(errorOf(() => cluster.api.create('services', svc({ clusterIP: '10.0.0.5' })))).toBe(
      'Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    expect(errorOf(() => cluster.api.create('services', svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })))).toBe(
      'Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    cluster.api.create('services', svc({ name: 'a', type: 'NodePort', clusterIP: '10.96.0.50', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(errorOf(() => cluster.api.create('services', svc({ name: 'b', type: 'NodePort', clusterIP: '10.96.0.51', ports: [{ port: 80, nodePort: 30080 }] })))).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    // The refused Service took nothing: its ClusterIP is still free.
    expect(cluster.api.create('services', svc({ name: 'c', clusterIP: '10.96.0.51' })).spec.clusterIP).toBe('10.96.0.51');
    expect(errorOf(() => cluster.api.create('services', svc({ name: 'c' })))).toBe('services "c" already exists');
  });

  it('validates names, ports and policies', () => {
    const { cluster } = fresh();
    expect(errorOf(() => cluster.api.create('services', svc({ name: '1web' })))).toMatch(/^Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist/);
    expect(errorOf(() => cluster.api.create('services', svc({ ports: [] })))).toBe('Service "web" is invalid: spec.ports: Required value');
    expect(errorOf(() => cluster.api.create('services', svc({ ports: [{ port: 80 }, { port: 81 }] })))).toBe('Service "web" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]');
    expect(errorOf(() => cluster.api.create('services', svc({ externalTrafficPolicy: 'Local' })))).toBe(
      'Service "web" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set when `type` is \'NodePort\' or \'LoadBalancer\'',
    );
    expect(errorOf(() => cluster.api.create('services', { name: 'ext', namespace: 'default', type: 'ExternalName' }))).toBe('Service "ext" is invalid: spec.externalName: Required value');
  });

  it('defaults every type as the API server does', () => {
    const { cluster } = fresh();
    const np = cluster.api.create('services', svc({ name: 'np', type: 'NodePort' }));
    expect(np.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', sessionAffinity: 'None' });
    expect(np.spec.ports![0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(np.spec.ports![0].nodePort).toBeLessThanOrEqual(32767);
    const aff = cluster.api.create('services', svc({ name: 'aff', sessionAffinity: 'ClientIP' }));
    expect(aff.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    const ext = cluster.api.create('services', { name: 'ext', namespace: 'default', type: 'ExternalName', externalName: 'example.com' });
    expect(ext.spec.clusterIP).toBeUndefined();
    expect(ext.spec.internalTrafficPolicy).toBeUndefined();
    const headless = cluster.api.create('services', svc({ name: 'hl', clusterIP: 'None' }));
    expect(headless.spec.clusterIPs).toEqual(['None']);
    const lbLocal = cluster.api.create('services', svc({ name: 'lbl', type: 'LoadBalancer', externalTrafficPolicy: 'Local' }));
    expect(lbLocal.spec.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(lbLocal.spec.allocateLoadBalancerNodePorts).toBe(true);
  });

  it('LoadBalancer stays pending without a pool and takes the first free pool address with one', () => {
    const { cluster } = fresh();
    const a = cluster.api.create('services', svc({ name: 'a', type: 'LoadBalancer' }));
    expect(a.status.loadBalancer).toEqual({});
    cluster.setLoadBalancerPool(['172.18.255.200', '172.18.255.201']);
    expect(a.status.loadBalancer.ingress).toEqual([{ ip: '172.18.255.200', ipMode: 'VIP' }]);
    const b = cluster.api.create('services', svc({ name: 'b', type: 'LoadBalancer' }));
    expect(b.status.loadBalancer.ingress?.[0].ip).toBe('172.18.255.201');
    cluster.api.delete('services', 'default', 'a');
    const c = cluster.api.create('services', svc({ name: 'c', type: 'LoadBalancer' }));
    expect(c.status.loadBalancer.ingress?.[0].ip).toBe('172.18.255.200');
  });

  it('deleting a Service frees its ClusterIP and NodePort and removes its endpoints', () => {
    const { cluster } = fresh();
    cluster.api.create('services', svc({ type: 'NodePort', clusterIP: '10.96.0.80', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(cluster.get('endpoints', 'default', 'web')).toBeDefined();
    cluster.api.delete('services', 'default', 'web');
    expect(cluster.get('endpoints', 'default', 'web')).toBeUndefined();
    expect(cluster.list('endpointslices', 'default').map((s) => s.metadata.name)).toEqual(['kubernetes']);
    expect(cluster.api.create('services', svc({ type: 'NodePort', clusterIP: '10.96.0.80', ports: [{ port: 80, nodePort: 30080 }] })).spec.clusterIP).toBe('10.96.0.80');
  });
});

describe('Endpoints and EndpointSlices follow pod readiness', () => {
  it('lists pods as not ready until they are Ready, then as addresses; terminating pods leave Endpoints but stay in the slice', () => {
    const { clock, cluster } = fresh();
    deployWeb(cluster);
    cluster.api.create('services', svc({ ports: [{ port: 80, targetPort: 'http' }] }));
    clock.advance(1_000);
    cluster.advanceTo(clock.now());
    let ep = cluster.get('endpoints', 'default', 'web')!;
    expect(ep.subsets?.[0].addresses).toBeUndefined();
    expect(ep.subsets?.[0].notReadyAddresses).toHaveLength(2);
    cluster.advanceTo(clock.now() + 30_000);
    ep = cluster.get('endpoints', 'default', 'web')!;
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets![0].addresses).toHaveLength(2);
    expect(ep.subsets![0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    const [slice] = cluster.list('endpointslices', 'default').filter((s) => s.metadata.name.startsWith('web-'));
    expect(slice.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata.labels).toMatchObject({ 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(slice.endpoints.every((e) => e.conditions.ready)).toBe(true);
    const victim = ep.subsets![0].addresses![0].targetRef!.name;
    cluster.api.delete('pods', 'default', victim);
    ep = cluster.get('endpoints', 'default', 'web')!;
    expect(ep.subsets!.flatMap((s) => s.addresses ?? []).map((a) => a.targetRef?.name)).not.toContain(victim);
    const term = cluster.list('endpointslices', 'default').find((s) => s.metadata.name === slice.metadata.name)!.endpoints.find((e) => e.targetRef?.name === victim);
    expect(term?.conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('resolves a named targetPort per pod: pods with different numbers land in different subsets', () => {
    const { clock, cluster } = fresh();
    deployWeb(cluster, 'a', 8080, 'http', 1);
    deployWeb(cluster, 'b', 9090, 'http', 1);
    deployWeb(cluster, 'c', 7070, 'other', 1);
    cluster.api.create('services', { name: 'web', namespace: 'default', selector: { tier: 'web' }, ports: [{ port: 80, targetPort: 'http' }] });
    cluster.advanceTo(clock.now() + 30_000);
    const ep = cluster.get('endpoints', 'default', 'web')!;
    expect(ep.subsets?.map((s) => s.ports?.[0].port).sort()).toEqual([8080, 9090]);
    const slices = cluster.list('endpointslices', 'default').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');
    expect(slices.map((s) => s.ports?.[0].port).sort()).toEqual([8080, 9090]);
  });

  it('a Service that selects nothing has Endpoints without subsets and a placeholder slice', () => {
    const { cluster } = fresh();
    cluster.api.create('services', svc({ selector: { app: 'nothing' } }));
    expect(cluster.get('endpoints', 'default', 'web')?.subsets).toBeUndefined();
    const slice = cluster.list('endpointslices', 'default').find((s) => s.metadata.name.startsWith('web-'))!;
    expect(slice).toMatchObject({ endpoints: [], ports: null });
  });

  it('a settled cluster with Services round-trips through toJSON/restore without a write', () => {
    const { clock, cluster } = fresh();
    deployWeb(cluster);
    cluster.api.create('services', svc({ type: 'NodePort' }));
    cluster.advanceTo(clock.now() + 60_000);
    const state = JSON.parse(JSON.stringify(cluster.toJSON()));
    const again = Cluster.restore(new ManualClock(clock.now()), createRng(9), structuredClone(state));
    again.advanceTo(clock.now());
    expect(JSON.parse(JSON.stringify(again.toJSON()))).toEqual(state);
  });
});
