// Stable network identities (DNS spec 2.4.1): a StatefulSet pod (hostname web-0, subdomain web)
// selected by the headless Service `web` gets `web-0.web.default.svc.cluster.local` once it is
// ready, SRV targets and PTR records name it so, and a pod's resolver finds `web-0.web` through
// its search list: what the `dns` check kind and nslookup/dig both read.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { addressesOf, queryClusterDns } from './cluster-dns';

const MANIFEST = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - port: 80
    name: http
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

async function cluster() {
  const sim = createSimulation({ seed: 1 });
  for (const line of [`kubectl apply -f - <<'EOF'\n${MANIFEST}EOF`, 'kubectl run tools --image=nicolaka/netshoot --command -- sleep infinity']) {
    const r = await sim.exec(line);
    expect(r.exitCode, r.stderr).toBe(0);
  }
  return sim;
}

const ipOf = (sim: Awaited<ReturnType<typeof cluster>>, pod: string) => sim.cluster.get('pods', 'default', pod)!.status.podIP!;

describe('StatefulSet pod DNS records', () => {
  it('A records per pod under the headless Service, once the pod is ready', async () => {
    const sim = await cluster();
    // Only web-0 exists yet and it is not ready: no record for it, none for pods to come.
    expect(queryClusterDns(sim.cluster, 'web-0.web.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    settle(sim);
    for (const pod of ['web-0', 'web-1', 'web-2']) {
      expect(addressesOf(queryClusterDns(sim.cluster, `${pod}.web.default.svc.cluster.local`, 'A'))).toEqual([ipOf(sim, pod)]);
    }
    expect(queryClusterDns(sim.cluster, 'web-3.web.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    // The Service name itself answers with every ready pod.
    expect(addressesOf(queryClusterDns(sim.cluster, 'web.default.svc.cluster.local', 'A')).sort()).toEqual(['web-0', 'web-1', 'web-2'].map((p) => ipOf(sim, p)).sort());
  });

  it('SRV targets and PTR records use the pod hostnames', async () => {
    const sim = await cluster();
    settle(sim);
    const srv = queryClusterDns(sim.cluster, '_http._tcp.web.default.svc.cluster.local', 'SRV');
    expect(srv.answers.map((r) => r.data).sort()).toEqual(['web-0', 'web-1', 'web-2'].map((p) => `0 33 80 ${p}.web.default.svc.cluster.local.`));
    const reverse = ipOf(sim, 'web-1').split('.').reverse().join('.');
    expect(queryClusterDns(sim.cluster, `${reverse}.in-addr.arpa`, 'PTR').answers.map((r) => r.data)).toEqual(['web-1.web.default.svc.cluster.local.']);
  });

  it('resolves `web-0.web` from a pod through the search list (the dns check kind and nslookup)', async () => {
    const sim = await cluster();
    settle(sim);
    expect(sim.lookup('default', 'tools', 'web-0.web')).toMatchObject({ kind: 'resolved', name: 'web-0.web', fqdn: 'web-0.web.default.svc.cluster.local', addresses: [ipOf(sim, 'web-0')] });
    const r = await sim.exec('kubectl exec tools -- nslookup web-2.web');
    expect(r.stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb-2.web.default.svc.cluster.local\nAddress: ${ipOf(sim, 'web-2')}\n\n`);
    expect((await sim.exec('kubectl exec tools -- dig +short web-1.web.default.svc.cluster.local')).stdout).toBe(`${ipOf(sim, 'web-1')}\n`);
  });

  it('a pod that goes away takes its name with it; its replacement gets the same name', async () => {
    const sim = await cluster();
    settle(sim);
    await sim.exec('kubectl delete pod web-1');
    expect(queryClusterDns(sim.cluster, 'web-1.web.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    settle(sim);
    expect(addressesOf(queryClusterDns(sim.cluster, 'web-1.web.default.svc.cluster.local', 'A'))).toEqual([ipOf(sim, 'web-1')]);
  });
});
