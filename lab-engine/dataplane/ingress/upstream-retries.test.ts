// ingress-nginx's proxy-next-upstream on a connect that goes unanswered: each try waits
// proxy-connect-timeout (5 s) and the next try takes the balancer's next endpoint, three tries in
// all; the 504 page and the access line (every try listed) follow the real controller's
// (testdata/upstream-timeout-504.txt). A backend only one of whose pods is cut off still answers,
// 5 s late. Traefik, whose retry middleware is opt-in, answers after one try.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { ingressYaml } from '../../simulation/testing/ingress-yaml';

const GOLDEN = readFileSync(new URL('./testdata/upstream-timeout-504.txt', import.meta.url), 'utf8').split('\n').filter((l) => !l.startsWith('#'));
const GOLDEN_PAGE = `${GOLDEN.slice(0, 7).join('\r\n')}\r\n`;
const GOLDEN_LOG = GOLDEN[7];

const INGRESS = ingressYaml({ name: 'shop', host: 'shop.example.com', paths: [{ service: 'api' }] });

/** Isolates the pods labelled blocked=yes for ingress, with no rule: every connection to them is dropped. */
const BLOCK = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: block
spec:
  podSelector:
    matchLabels:
      blocked: "yes"
  policyTypes: [Ingress]
`;

async function shop(replicas: number) {
  const sim = createSimulation({ seed: 7, topology: { cni: 'calico', proxyMode: 'iptables', ingress: 'nginx' }, files: { '/lab/ing.yaml': INGRESS, '/lab/block.yaml': BLOCK } });
  for (const line of [
    `kubectl create deployment api --image=hashicorp/http-echo --replicas=${replicas} -- /http-echo -text=api -listen=:5678`,
    'kubectl expose deployment api --port 80 --target-port 5678',
    'kubectl apply -f /lab/ing.yaml',
    'kubectl apply -f /lab/block.yaml',
  ]) expect((await sim.exec(line)).exitCode, line).toBe(0);
  settle(sim);
  const nodePort = sim.cluster.get('services', 'ingress-nginx', 'ingress-nginx-controller')!.spec.ports!.find((p) => p.name === 'http')!.nodePort!;
  const curl = (flags: string) => sim.exec(`curl ${flags} -H 'Host: shop.example.com' http://172.18.0.4:${nodePort}/`);
  const lastAccess = async () => (await sim.exec('kubectl -n ingress-nginx logs deploy/ingress-nginx-controller')).stdout.trim().split('\n').at(-1) ?? '';
  return { sim, curl, lastAccess };
}

describe('ingress-nginx proxy-next-upstream', () => {
  it('the golden access line lists three 5 s tries for one 15 s request', () => {
    expect(GOLDEN_PAGE.length).toBe(160);
    expect(GOLDEN_LOG).toMatch(/" 504 160 .* 15\.004 \[\S+\] \[\] (\S+), \1, \1 0, 0, 0 5\.000, 5\.005, 5\.004 504, 504, 504 [0-9a-f]{32}$/);
  });

  it('answers 504 Gateway Time-out after three unanswered connects, 15 s, each try in the access log', async () => {
    const s = await shop(1);
    await s.sim.exec('kubectl label pods -l app=api blocked=yes');
    const before = s.sim.cluster.now();
    const r = await s.curl('-si');
    expect(s.sim.cluster.now() - before).toBe(15_000);
    expect(r.stdout).toMatch(/^HTTP\/1\.1 504 Gateway Time-out\r?\n/);
    expect(r.stdout.endsWith(GOLDEN_PAGE)).toBe(true);
    const ip = s.sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'api')!.status!.podIP!;
    const tries = `${ip}:5678, ${ip}:5678, ${ip}:5678 0, 0, 0 5.000, 5.000, 5.000 504, 504, 504`;
    expect(await s.lastAccess()).toMatch(new RegExp(`" 504 160 "-" "curl/[\\d.]+" \\d+ 15\\.000 \\[default-api-80\\] \\[\\] ${tries.replace(/\./g, '\\.')} [0-9a-f]{32}$`));
     // nginx's error log has one line a try, each stamped when that try gave up, before the access line.
    const log = (await s.sim.exec('kubectl -n ingress-nginx logs deploy/ingress-nginx-controller')).stdout.trim().split('\n');
    const errors = log.slice(-4, -1);
    const stamp = (ms: number) => new Date(ms).toISOString().replace(/-/g, '/').replace('T', ' ').slice(0, 19);
    errors.forEach((line, i) => expect(line).toBe(`${stamp(before + (i + 1) * 5_000)} [error] 38#38: *${line.match(/\*(\d+)/)![1]} upstream timed out (110: Connection timed out) while connecting to upstream, client: ${line.match(/client: ([\d.]+)/)![1]}, server: shop.example.com, request: "GET / HTTP/1.1", upstream: "http://${ip}:5678/", host: "shop.example.com"`));
  });

  it('a connect that times out on one pod is retried on the next, which answers 5 s late', async () => {
    const s = await shop(2);
    const pods = s.sim.cluster.list('pods', 'default').filter((p) => p.metadata.labels?.app === 'api');
    await s.sim.exec(`kubectl label pod ${pods[0].metadata.name} blocked=yes`);
    const blocked = `${pods[0].status!.podIP!}:5678`;
    const open = `${pods[1].status!.podIP!}:5678`;
    const seen = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const before = s.sim.cluster.now();
      expect((await s.curl('-s')).stdout).toBe('api\n');
      const took = s.sim.cluster.now() - before;
      seen.add(took);
      if (took === 5_000) expect(await s.lastAccess()).toContain(` 5.000 [default-api-80] [] ${blocked}, ${open} 0, 4 5.000, `);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 5_000]);
  });

  it('Traefik, without its retry middleware, gives up after one unanswered connect', async () => {
    const sim = createSimulation({ seed: 7, topology: { cni: 'calico', proxyMode: 'iptables', ingress: ['traefik'] }, files: { '/lab/ing.yaml': INGRESS.replace('ingressClassName: nginx', 'ingressClassName: traefik'), '/lab/block.yaml': BLOCK } });
    for (const line of [
      'kubectl create deployment api --image=hashicorp/http-echo -- /http-echo -text=api -listen=:5678',
      'kubectl expose deployment api --port 80 --target-port 5678',
      'kubectl apply -f /lab/ing.yaml',
      'kubectl apply -f /lab/block.yaml',
      'kubectl label pods -l app=api blocked=yes',
    ]) expect((await sim.exec(line)).exitCode, line).toBe(0);
    settle(sim);
    const svc = sim.cluster.list('services').find((s) => s.metadata.name === 'traefik')!;
    const nodePort = svc.spec.ports!.find((p) => p.name === 'web')!.nodePort!;
    const before = sim.cluster.now();
    expect((await sim.exec(`curl -s -o /dev/null -w '%{http_code}' -H 'Host: shop.example.com' http://172.18.0.4:${nodePort}/`)).stdout).toBe('504');
    expect(sim.cluster.now() - before).toBe(5_000);
  });
});
