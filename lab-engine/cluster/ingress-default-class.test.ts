// The DefaultIngressClass admission plugin acts on Create only: marking a class default after
// the fact leaves an existing class-less Ingress without a class, even when it is applied again;
// deleting and re-creating it (or naming the class) is what gives it one.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../simulation/simulation';
import { ingressYaml } from '../simulation/testing/ingress-yaml';

const CLASSLESS = ingressYaml({ name: 'web', className: null, host: 'foo.com' });

const NEWER_DEFAULT = `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: newer
  annotations:
    ingressclass.kubernetes.io/is-default-class: "true"
spec:
  controller: example.com/newer
`;

describe('DefaultIngressClass', () => {
  it('defaults the class of new Ingresses only', async () => {
    const sim = createSimulation({ seed: 3, topology: { cni: 'calico', proxyMode: 'iptables', ingress: 'nginx' }, files: { '/lab/web.yaml': CLASSLESS } });
    expect((await sim.exec('kubectl apply -f /lab/web.yaml')).exitCode).toBe(0);
    expect((await sim.exec('kubectl annotate ingressclass nginx ingressclass.kubernetes.io/is-default-class=true')).exitCode).toBe(0);
    settle(sim);
    expect((await sim.exec('kubectl apply -f /lab/web.yaml')).stdout).toBe('ingress.networking.k8s.io/web unchanged\n');
    expect(sim.cluster.get('ingresses', 'default', 'web')!.spec.ingressClassName).toBeUndefined();
    await sim.exec('kubectl delete ingress web');
    await sim.exec('kubectl apply -f /lab/web.yaml');
    expect(sim.cluster.get('ingresses', 'default', 'web')!.spec.ingressClassName).toBe('nginx');
  });
  it('with two default classes picks the newest, as since Kubernetes 1.25 (no longer refuses)', async () => {
    const sim = createSimulation({ seed: 3, topology: { cni: 'calico', proxyMode: 'iptables', ingress: ['nginx', 'traefik'] }, files: { '/lab/web.yaml': CLASSLESS, '/lab/newer.yaml': NEWER_DEFAULT } });
    settle(sim);
    await sim.exec('kubectl annotate ingressclass nginx ingressclass.kubernetes.io/is-default-class=true');
    sim.advanceTo(sim.now() + 60_000);
expect((await sim.exec('kubectl apply -f /lab/newer.yaml')).stderr).toBe('');
    expect((await sim.exec('kubectl apply -f /lab/web.yaml')).exitCode).toBe(0);
    expect(sim.cluster.get('ingresses', 'default', 'web')!.spec.ingressClassName).toBe('newer');
  });
});
