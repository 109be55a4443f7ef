// A cluster with a load-balancer pool, the Gateway API CRDs (testdata/standard-install-v1.3.0.yaml)
// and NGINX Gateway Fabric installed, and a shop: checkout v1 and v2 in namespace `shop`, each
// answering with its version, for the Gateway API tests.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';

const here = join(__dirname, 'testdata');
export const CRDS = readFileSync(join(here, 'standard-install-v1.3.0.yaml'), 'utf8');
export const NGF = readFileSync(join(here, 'nginx-gateway-fabric.yaml'), 'utf8');
export const LB_IP = '172.18.255.200';

export const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: shared
  namespace: infra
spec:
  gatewayClassName: nginx
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    hostname: "*.example.com"
    allowedRoutes:
      namespaces:
        from: All
`;

export function route(opts: { name?: string; namespace?: string; section?: string; gateway?: string; hostnames?: string[]; backends?: string; matches?: string } = {}): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: ${opts.name ?? 'shop'}
  namespace: ${opts.namespace ?? 'web'}
spec:
  parentRefs:
  - name: ${opts.gateway ?? 'shared'}
    namespace: infra
${opts.section ? `    sectionName: ${opts.section}\n` : ''}  hostnames: ${JSON.stringify(opts.hostnames ?? ['shop.example.com'])}
  rules:
  - ${opts.matches ? `matches:\n${opts.matches}\n    ` : ''}backendRefs:
${opts.backends ?? '    - name: checkout-v1\n      namespace: shop\n      port: 80'}
`;
}

export const GRANT = (namespace = 'shop') => `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: web-routes
  namespace: ${namespace}
spec:
  from:
  - group: gateway.networking.k8s.io
    kind: HTTPRoute
    namespace: web
  to:
  - group: ""
    kind: Service
`;

export async function gatewayCluster(opts: { crds?: boolean } = {}) {
  const sim = createSimulation({ seed: 7, topology: { cni: 'calico', proxyMode: 'iptables', loadBalancerPool: ['172.18.255.200-172.18.255.210'] }, files: { '/lab/crds.yaml': CRDS, '/lab/ngf.yaml': NGF } });
  const run = async (line: string) => {
    const r = await sim.exec(line);
    expect(r.exitCode, `${line}\n${r.stderr}`).toBe(0);
    return r;
  };
  for (const line of [
    'kubectl create namespace infra',
    'kubectl create namespace web',
    'kubectl create namespace shop',
    'kubectl -n shop create deployment checkout-v1 --image=hashicorp/http-echo -- /http-echo -text=v1 -listen=:8080',
    'kubectl -n shop expose deployment checkout-v1 --port 80 --target-port 8080',
    'kubectl -n shop create deployment checkout-v2 --image=hashicorp/http-echo -- /http-echo -text=v2 -listen=:8080',
    'kubectl -n shop expose deployment checkout-v2 --port 80 --target-port 8080',
  ]) await run(line);
  if (opts.crds !== false) {
    await run('kubectl apply -f /lab/crds.yaml');
    await run('kubectl apply -f /lab/ngf.yaml');
  }
  settle(sim);
  const apply = async (name: string, text: string) => {
    sim.fs.write(`/lab/${name}.yaml`, text);
    const r = await sim.exec(`kubectl apply -f /lab/${name}.yaml`);
    settle(sim);
    return r;
  };
  const curl = (host: string, path = '/', flags = '-s') => sim.exec(`curl ${flags} -H 'Host: ${host}' http://${LB_IP}${path}`);
  return { sim, run, apply, curl };
}
