// `kubectl create ingress` end to end: the Ingress it creates is admitted like an applied one
// (DefaultIngressClass included) and ingress-nginx routes by it, terminating TLS with the Secret
// the rule names. Output formats and errors are golden fixtures (testdata/create-ingress-*.txt).

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

async function nginxCluster(extra: string[] = []) {
  const sim = createSimulation({ seed: 3, topology: { cni: 'calico', proxyMode: 'iptables', ingress: 'nginx' } });
  const lines = [
    'kubectl create deployment web --image=nginx --port=80',
    'kubectl expose deployment web --port=80',
    'kubectl create deployment api --image=hashicorp/http-echo -- /http-echo -text=api -listen=:5678',
    'kubectl expose deployment api --port 80 --target-port 5678',
    ...extra,
  ];
  for (const line of lines) {
    const r = await sim.exec(line);
    expect(r.exitCode, `${line}: ${r.combined}`).toBe(0);
  }
  settle(sim);
  const svc = sim.cluster.get('services', 'ingress-nginx', 'ingress-nginx-controller')!;
  const port = (name: string) => svc.spec.ports!.find((p) => p.name === name)!.nodePort!;
  return { sim, http: port('http'), https: port('https'), node: '172.18.0.3' };
}

describe('kubectl create ingress', () => {
  it('routes foo.com/* through the nginx controller to the web pods', async () => {
    const c = await nginxCluster();
    const created = await c.sim.exec('kubectl create ingress web --class=nginx --rule=foo.com/*=web:80');
    expect(created).toMatchObject({ stdout: 'ingress.networking.k8s.io/web created\n', exitCode: 0 });
    settle(c.sim);
    const stored = c.sim.cluster.get('ingresses', 'default', 'web')!;
    expect(stored.spec).toEqual({ ingressClassName: 'nginx', rules: [{ host: 'foo.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] });
    const hit = await c.sim.exec(`curl -s -H 'Host: foo.com' http://${c.node}:${c.http}/`);
    expect(hit.stdout).toContain('<title>Welcome to nginx!</title>');
    // Prefix `/`: any path reaches the pod, whose own nginx (with its version) answers 404.
    const deep = await c.sim.exec(`curl -s -H 'Host: foo.com' http://${c.node}:${c.http}/any/path`);
    expect(deep.stdout).toContain('<hr><center>nginx/');
    const other = await c.sim.exec(`curl -s -o /dev/null -w '%{http_code}' -H 'Host: bar.com' http://${c.node}:${c.http}/`);
    expect(other.stdout).toBe('404');
    expect((await c.sim.exec('kubectl get ingress web')).stdout.split('\n')[1].split(/ +/).slice(0, 5)).toEqual(['web', 'nginx', 'foo.com', '172.18.0.3', '80']);
  });

  it('routes an Exact path only for that path', async () => {
    const c = await nginxCluster();
    await c.sim.exec('kubectl create ingress api --class=nginx --rule=foo.com/exact=api:80');
    settle(c.sim);
    const code = async (path: string) => (await c.sim.exec(`curl -s -o /dev/null -w '%{http_code}' -H 'Host: foo.com' http://${c.node}:${c.http}${path}`)).stdout;
    expect(await code('/exact')).toBe('200');
    expect((await c.sim.exec(`curl -s -H 'Host: foo.com' http://${c.node}:${c.http}/exact`)).stdout).toBe('api\n');
    expect(await code('/exact/more')).toBe('404');
  });

  it('terminates TLS with the Secret named in the rule', async () => {
    const c = await nginxCluster([
      'openssl req -x509 -nodes -days 365 -newkey rsa:2048 -keyout tls.key -out tls.crt -subj "/CN=foo.bar.com/O=foo"',
      'kubectl create secret tls foo-tls --cert=tls.crt --key=tls.key',
    ]);
    const created = await c.sim.exec('kubectl create ingress web --class=nginx --rule="foo.bar.com/*=web:80,tls=foo-tls"');
    expect(created.exitCode, created.combined).toBe(0);
    settle(c.sim);
    expect(c.sim.cluster.get('ingresses', 'default', 'web')!.spec.tls).toEqual([{ hosts: ['foo.bar.com'], secretName: 'foo-tls' }]);
    const r = await c.sim.exec(`curl -kvs --resolve foo.bar.com:${c.https}:${c.node} https://foo.bar.com:${c.https}/`);
    expect(r.stderr).toContain('*  subject: CN=foo.bar.com; O=foo\n');
    expect(r.stdout).toContain('<title>Welcome to nginx!</title>');
  });

  it('gets the default IngressClass when --class is not given, as an applied Ingress does', async () => {
    const c = await nginxCluster(['kubectl annotate ingressclass nginx ingressclass.kubernetes.io/is-default-class=true']);
    expect((await c.sim.exec('kubectl create ingress web --rule=foo.com/*=web:80')).exitCode).toBe(0);
    expect(c.sim.cluster.get('ingresses', 'default', 'web')!.spec.ingressClassName).toBe('nginx');
  });
});
