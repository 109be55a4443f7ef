// A cluster for browser-strict TLS tests: ingress-nginx, nginx `web` behind an Ingress for
// shop.example.com whose spec.tls names the Secret shop-tls, and the private PKI of
// dataplane/tls/testdata (root, issuing CA, leaves valid, expired, CN-only, for www) under /pki.
// The test says which certificate file(s) go into the Secret's tls.crt, in order.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createSimulation, settle } from '../simulation';
import { tlsIngress } from './tls-test-cluster';

const TESTDATA = join(__dirname, '..', '..', 'dataplane', 'tls', 'testdata');
const PKI_FILES = ['root.crt', 'issuing.crt', 'shop.crt', 'shop.key', 'shop-2025.crt', 'shop-2025.key', 'shop-cn-only.crt', 'shop-cn-only.key', 'www.crt', 'www.key'];

export const pkiPem = (name: string) => readFileSync(join(TESTDATA, name), 'utf8');

/** `crt`: the files concatenated into tls.crt (e.g. ['shop.crt', 'issuing.crt']); `key`: the leaf's key file. */
export async function pkiCluster(crt: string[], key: string) {
  const files = Object.fromEntries(PKI_FILES.map((f) => [`/pki/${f}`, pkiPem(f)]));
  const sim = createSimulation({ seed: 4, topology: { cni: 'calico', proxyMode: 'iptables', ingress: 'nginx' }, files: { ...files, '/lab/ing.yaml': tlsIngress({ host: 'shop.example.com', secretName: 'shop-tls' }) } });
  for (const line of [
    'kubectl create deployment web --image=nginx --port=80',
    'kubectl expose deployment web --port=80',
    `cat ${crt.map((f) => `/pki/${f}`).join(' ')} > /tmp/tls.crt`,
    `kubectl create secret tls shop-tls --cert=/tmp/tls.crt --key=/pki/${key}`,
    'kubectl apply -f /lab/ing.yaml',
  ]) {
    const r = await sim.exec(line);
    expect(r.exitCode, `${line}: ${r.combined}`).toBe(0);
  }
  settle(sim);
  const port = sim.cluster.get('services', 'ingress-nginx', 'ingress-nginx-controller')!.spec.ports!.find((p) => p.name === 'https')!.nodePort!;
  return { sim, https: port, node: '172.18.0.3', url: `--resolve shop.example.com:${port}:172.18.0.3 https://shop.example.com:${port}/` };
}
