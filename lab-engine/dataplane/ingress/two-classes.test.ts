// Two ingress controllers side by side (ingress-nginx and Traefik, each with its IngressClass):
// ingressClassName decides which one serves an Ingress; the other answers its own 404 for the
// same host. Traefik's pages are Go's plain-text ones and it ignores ingress-nginx annotations.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { ingressYaml } from '../../simulation/testing/ingress-yaml';

const ingress = (name: string, cls: string, host: string) => ingressYaml({ name, className: cls, host });

describe('two ingress classes', () => {
  it('each controller serves only the Ingresses of its class', async () => {
    const sim = createSimulation({
      seed: 8,
      topology: { cni: 'calico', proxyMode: 'iptables', ingress: ['nginx', 'traefik'] },
      files: { '/lab/a.yaml': ingress('via-nginx', 'nginx', 'a.example.com'), '/lab/b.yaml': ingress('via-traefik', 'traefik', 'b.example.com') },
    });
    for (const l of ['kubectl create deployment web --image=nginx', 'kubectl expose deployment web --port 80', 'kubectl apply -f /lab/a.yaml', 'kubectl apply -f /lab/b.yaml']) {
      expect((await sim.exec(l)).exitCode, l).toBe(0);
    }
    settle(sim);
    expect((await sim.exec('kubectl get ingressclass')).stdout).toMatch(/^NAME {6}CONTROLLER {22}PARAMETERS {3}AGE\nnginx {5}k8s\.io\/ingress-nginx {12}<none> {7}\S+\ntraefik {3}traefik\.io\/ingress-controller {3}<none> {7}\S+\n$/);
    const nodePort = (ns: string, svc: string, port: string) => sim.cluster.get('services', ns, svc)!.spec.ports!.find((p) => p.name === port)!.nodePort!;
    const nginx = nodePort('ingress-nginx', 'ingress-nginx-controller', 'http');
    const traefik = nodePort('traefik', 'traefik', 'web');
    const get = async (port: number, host: string) => (await sim.exec(`curl -s -o /dev/null -w '%{http_code}' -H 'Host: ${host}' http://172.18.0.3:${port}/`)).stdout;
    expect(await get(nginx, 'a.example.com')).toBe('200');
    expect(await get(nginx, 'b.example.com')).toBe('404');
    expect(await get(traefik, 'b.example.com')).toBe('200');
    expect(await get(traefik, 'a.example.com')).toBe('404');
    expect((await sim.exec(`curl -si -H 'Host: a.example.com' http://172.18.0.3:${traefik}/`)).stdout).toMatch(/^HTTP\/1\.1 404 Not Found\r\nContent-Type: text\/plain; charset=utf-8\r\n[\s\S]*\r\n\r\n404 page not found\n$/);
    const addresses = (await sim.exec("kubectl get ingress -o custom-columns=NAME:.metadata.name,CLASS:.spec.ingressClassName,ADDRESS:.status.loadBalancer.ingress[*].ip")).stdout;
    expect(addresses).toBe('NAME          CLASS     ADDRESS\nvia-nginx     nginx     172.18.0.3\nvia-traefik   traefik   172.18.0.4\n');
  });
});
