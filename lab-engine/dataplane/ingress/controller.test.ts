// The nginx ingress controller end to end: a request from the workstation to a node's NodePort
// reaches the controller pod through kube-proxy, is routed by the Ingresses of class nginx, and is
// proxied to a backend pod over a second connection, which NetworkPolicies can block. nginx's own
// error pages (404/503/504) and the controller's access log in ingress-nginx's upstreaminfo format.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { ingressYaml } from '../../simulation/testing/ingress-yaml';

/** shop.example.com: /api to Service api, the rest to web; without a class when `withClass` is false. */
function shopIngress(name: string, withClass = true): string {
  return ingressYaml({ name, className: withClass ? 'nginx' : null, host: 'shop.example.com', paths: [{ path: '/api', service: 'api' }, { service: 'web' }] });
}

const REWRITE = ingressYaml({ name: 'rw', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' }, host: 'rw.example.com', paths: [{ path: '/web(/|$)(.*)', pathType: 'ImplementationSpecific', service: 'web' }] });

const DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

async function shop() {
  const sim = createSimulation({ seed: 5, topology: { cni: 'calico', proxyMode: 'iptables', ingress: 'nginx' }, files: { '/lab/shop.yaml': shopIngress('shop'), '/lab/classless.yaml': shopIngress('classless', false), '/lab/rw.yaml': REWRITE, '/lab/deny.yaml': DENY_ALL } });
  for (const line of [
    'kubectl create deployment web --image=nginx',
    'kubectl expose deployment web --port 80',
    'kubectl create deployment api --image=hashicorp/http-echo -- /http-echo -text=api -listen=:5678',
    'kubectl expose deployment api --port 80 --target-port 5678',
  ]) expect((await sim.exec(line)).exitCode, line).toBe(0);
  settle(sim);
  const nodePort = sim.cluster.get('services', 'ingress-nginx', 'ingress-nginx-controller')!.spec.ports!.find((p) => p.name === 'http')!.nodePort!;
  const curl = (host: string, path: string, flags = '-s') => sim.exec(`curl ${flags} -H 'Host: ${host}' http://172.18.0.4:${nodePort}${path}`);
  const accessLog = async () => (await sim.exec('kubectl -n ingress-nginx logs deploy/ingress-nginx-controller')).stdout.trim().split('\n');
  return { sim, curl, accessLog };
}

describe('ingress-nginx', () => {
  it('routes by host and longest prefix to the backend Services and logs each request', async () => {
    const s = await shop();
    expect((await s.sim.exec('kubectl apply -f /lab/shop.yaml')).stdout).toBe('ingress.networking.k8s.io/shop created\n');
    expect((await s.curl('shop.example.com', '/api/orders')).stdout).toBe('api\n');
    expect((await s.curl('shop.example.com', '/')).stdout).toContain('<title>Welcome to nginx!</title>');
    const log = await s.accessLog();
    expect(log.at(-2)).toMatch(/^[\d.]+ - - \[\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "GET \/api\/orders HTTP\/1\.1" 200 4 "-" "curl\/[\d.]+" \d+ 0\.001 \[default-api-80\] \[\] 10\.244\.\d+\.\d+:5678 4 0\.001 200 [0-9a-f]{32}$/);
    expect(log.at(-1)).toContain('[default-web-80] [] ');
    expect((await s.sim.exec('kubectl get ingress shop')).stdout).toMatch(/^NAME {3}CLASS {3}HOSTS {14}ADDRESS {6}PORTS {3}AGE\nshop {3}nginx {3}shop\.example\.com {3}172\.18\.0\.3 {3}80 {6}\d+s\n$/);
  });

  it('answers nginx\'s 404 for an unknown host and ignores an Ingress without a class', async () => {
    const s = await shop();
    await s.sim.exec('kubectl apply -f /lab/classless.yaml');
    const r = await s.curl('shop.example.com', '/', '-si');
    expect(r.stdout).toContain('HTTP/1.1 404 Not Found');
    expect(r.stdout).toContain('<center><h1>404 Not Found</h1></center>');
    expect((await s.sim.exec('kubectl get ingress classless')).stdout).toMatch(/\nclassless {3}<none> {3}shop\.example\.com {13}80 {6}/);
    await s.sim.exec('kubectl apply -f /lab/shop.yaml');
    expect((await s.curl('other.example.com', '/', '-s -o /dev/null -w "%{http_code}"')).stdout).toBe('404');
    expect((await s.accessLog()).at(-1)).toContain('[upstream-default-backend] [] - - - - ');
  });

  it('503 when the backend has no ready endpoints, 504 after 5 s when a NetworkPolicy drops the proxied connection', async () => {
    const s = await shop();
    await s.sim.exec('kubectl apply -f /lab/shop.yaml');
    await s.sim.exec('kubectl scale deployment api --replicas=0');
    settle(s.sim);
    expect((await s.curl('shop.example.com', '/api', '-s -o /dev/null -w "%{http_code}"')).stdout).toBe('503');
    await s.sim.exec('kubectl scale deployment api --replicas=1');
    settle(s.sim);
    await s.sim.exec('kubectl apply -f /lab/deny.yaml');
    const before = s.sim.cluster.now();
    expect((await s.curl('shop.example.com', '/api', '-s -o /dev/null -w "%{http_code}"')).stdout).toBe('504');
    expect(s.sim.cluster.now() - before).toBeGreaterThanOrEqual(5_000);
  });

  it('rewrite-target strips the prefix before the request reaches the backend', async () => {
    const s = await shop();
    await s.sim.exec('kubectl apply -f /lab/rw.yaml');
    expect((await s.curl('rw.example.com', '/web/index.html')).stdout).toContain('Welcome to nginx!');
    const webLog = (await s.sim.exec('kubectl logs deploy/web')).stdout;
    expect(webLog).toContain('"GET /index.html HTTP/1.1" 200 615');
  });
});
