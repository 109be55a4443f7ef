// A seeded cluster for TLS tests: ingress-nginx, nginx `web` behind a Service, a self-signed
// certificate for foo.bar.com (and *.bar.com) made with the simulated openssl, and an Ingress
// whose spec.tls names a Secret. Tests decide whether the Secret exists and where.

import { expect } from 'vitest';
import { createSimulation, settle } from '../simulation';
import { ingressYaml } from './ingress-yaml';

export function tlsIngress(opts: { secretName?: string; annotations?: Record<string, string>; host?: string } = {}): string {
  return ingressYaml({ name: 'web', ...(opts.annotations ? { annotations: opts.annotations } : {}), host: opts.host ?? 'foo.bar.com', tlsSecret: opts.secretName ?? 'foo-tls' });
}

export async function tlsCluster(opts: { secret?: 'default' | 'other-namespace' | 'none'; ingress?: string } = {}) {
  const sim = createSimulation({ seed: 3, topology: { cni: 'calico', proxyMode: 'iptables', ingress: 'nginx' }, files: { '/lab/ing.yaml': opts.ingress ?? tlsIngress() } });
  const lines = [
    'kubectl create deployment web --image=nginx --port=80',
    'kubectl expose deployment web --port=80',
    'openssl req -x509 -nodes -days 365 -newkey rsa:2048 -keyout tls.key -out tls.crt -subj "/CN=foo.bar.com/O=foo" -addext "subjectAltName=DNS:foo.bar.com,DNS:*.bar.com"',
    'kubectl create namespace other',
  ];
  if ((opts.secret ?? 'default') === 'default') lines.push('kubectl create secret tls foo-tls --cert=tls.crt --key=tls.key');
  if (opts.secret === 'other-namespace') lines.push('kubectl -n other create secret tls foo-tls --cert=tls.crt --key=tls.key');
  lines.push('kubectl apply -f /lab/ing.yaml');
  for (const l of lines) {
    const r = await sim.exec(l);
    expect(r.exitCode, `${l}: ${r.combined}`).toBe(0);
  }
  settle(sim);
  const svc = sim.cluster.get('services', 'ingress-nginx', 'ingress-nginx-controller')!;
  const port = (name: string) => svc.spec.ports!.find((p) => p.name === name)!.nodePort!;
  return { sim, http: port('http'), https: port('https'), node: '172.18.0.3' };
}
