// What ingress-nginx's pod logs when it answers 503 (no endpoints: the controller's sync warning)
// and 502 (an endpoint refused: nginx's connect() error line, then the access line); and its
// admission webhook refusing a regex path under pathType Prefix (strict-validate-path-type).

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { ingressYaml } from '../../simulation/testing/ingress-yaml';

const ingress = (path: string, pathType: 'Prefix' | 'ImplementationSpecific', annotations?: Record<string, string>) =>
  ingressYaml({ name: 'shop', ...(annotations ? { annotations } : {}), host: 'shop.example.com', paths: [{ path, pathType, service: 'api' }] });

async function cluster(files: Record<string, string>) {
  const sim = createSimulation({ seed: 5, topology: { cni: 'calico', proxyMode: 'iptables', ingress: 'nginx' }, files });
  for (const line of ['kubectl create deployment api --image=hashicorp/http-echo -- /http-echo -text=api -listen=:5678', 'kubectl expose deployment api --port 80 --target-port 5678']) {
    expect((await sim.exec(line)).exitCode, line).toBe(0);
  }
  settle(sim);
  const nodePort = sim.cluster.get('services', 'ingress-nginx', 'ingress-nginx-controller')!.spec.ports!.find((p) => p.name === 'http')!.nodePort!;
  const status = async (path: string) => (await sim.exec(`curl -s -o /dev/null -w '%{http_code}' -H 'Host: shop.example.com' http://172.18.0.4:${nodePort}${path}`)).stdout;
  const log = async () => (await sim.exec('kubectl -n ingress-nginx logs deploy/ingress-nginx-controller')).stdout.trim().split('\n');
  return { sim, status, log };
}

describe('ingress-nginx error logging', () => {
  it('503: the controller warns once that the Service has no active Endpoint', async () => {
    const c = await cluster({ '/lab/i.yaml': ingress('/', 'Prefix') });
    await c.sim.exec('kubectl apply -f /lab/i.yaml');
    await c.sim.exec("kubectl patch svc api -p '{\"spec\":{\"selector\":{\"app\":\"nothing\"}}}'");
    settle(c.sim);
    expect(await c.status('/')).toBe('503');
    expect(await c.status('/')).toBe('503');
    const warnings = (await c.log()).filter((l) => l.includes('does not have any active Endpoint'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^W\d{4} \d{2}:\d{2}:\d{2}\.\d{6} {7}7 controller\.go:\d+\] Service "default\/api" does not have any active Endpoint\.$/);
  });

  it('502: nginx logs connect() failed (111: Connection refused) before the access line', async () => {
    const c = await cluster({ '/lab/i.yaml': ingress('/', 'Prefix') });
    await c.sim.exec('kubectl apply -f /lab/i.yaml');
    await c.sim.exec('kubectl patch svc api --type=json -p \'[{"op":"replace","path":"/spec/ports/0/targetPort","value":8080}]\'');
    settle(c.sim);
    expect(await c.status('/orders')).toBe('502');
    const log = await c.log();
    expect(log.at(-2)).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} \[error\] 38#38: \*\d+ connect\(\) failed \(111: Connection refused\) while connecting to upstream, client: [\d.]+, server: shop\.example\.com, request: "GET \/orders HTTP\/1\.1", upstream: "http:\/\/10\.244\.\d+\.\d+:8080\/orders", host: "shop\.example\.com"$/);
    expect(log.at(-1)).toMatch(/" 502 \d+ .* \[default-api-80\] \[\] 10\.244\.\d+\.\d+:8080 0 [\d.]+ 502 /);
  });

  it('a regex path with pathType Prefix: the controller\'s admission webhook refuses the Ingress', async () => {
    const rewrite = { 'nginx.ingress.kubernetes.io/use-regex': 'true' };
    const c = await cluster({ '/lab/bad.yaml': ingress('/shop(/|$)(.*)', 'Prefix', rewrite), '/lab/good.yaml': ingress('/shop(/|$)(.*)', 'ImplementationSpecific', rewrite) });
    const r = await c.sim.exec('kubectl apply -f /lab/bad.yaml');
    expect(r).toMatchObject({ exitCode: 1, stdout: '' });
    expect(r.stderr).toBe('Error from server (BadRequest): error when creating "/lab/bad.yaml": admission webhook "validate.nginx.ingress.kubernetes.io" denied the request: ingress contains invalid paths: path /shop(/|$)(.*) cannot be used with pathType Prefix\n');
    expect(c.sim.cluster.get('ingresses', 'default', 'shop')).toBeUndefined();
    expect(await c.status('/shop/cart')).toBe('404');
    await c.sim.exec('kubectl apply -f /lab/good.yaml');
    expect(await c.status('/shop/cart')).toBe('200');
    // An update is judged too: the stored Ingress stays as it was.
    expect((await c.sim.exec('kubectl apply -f /lab/bad.yaml')).stderr).toContain('denied the request: ingress contains invalid paths: path /shop(/|$)(.*) cannot be used with pathType Prefix');
    expect(c.sim.cluster.get('ingresses', 'default', 'shop')!.spec.rules![0].http!.paths[0].pathType).toBe('ImplementationSpecific');
  });
});
