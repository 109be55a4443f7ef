// A `dns` check on a StatefulSet's stable names: `web-0.web` resolves from a pod in the namespace
// to that pod (one of the headless Service's endpoints), and a name past the last ordinal does not;
// `address: { pod }` pins the answer to one member's own IP.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { DnsCheckSchema } from '../schema';
import { gradeDnsCheck } from './dns-check';

const MANIFEST = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 2
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

const check = (fields: Record<string, unknown>) => DnsCheckSchema.parse({ id: 'c', title: 'C', kind: 'dns', from: { pod: 'client' }, ...fields });

describe('dns checks on StatefulSet pods', () => {
  it('web-0.web resolves to the pod; web-2.web does not exist with two replicas', async () => {
    const sim = createSimulation({ seed: 1 });
    for (const line of [`kubectl apply -f - <<'EOF'\n${MANIFEST}EOF`, 'kubectl run client --image=busybox --command -- sleep infinity']) expect((await sim.exec(line)).exitCode).toBe(0);
    settle(sim);
    const ok = gradeDnsCheck(check({ name: 'web-0.web', expect: 'resolves', address: { service: 'web' } }), sim);
    expect(ok).toMatchObject({ passed: true, feedbackId: 'dns.resolved_ok', params: { fqdn: 'web-0.web.default.svc.cluster.local', addresses: sim.cluster.get('pods', 'default', 'web-0')!.status.podIP } });
    expect(gradeDnsCheck(check({ name: 'web-2.web', expect: 'nxdomain' }), sim)).toMatchObject({ passed: true, feedbackId: 'dns.nxdomain_ok' });
  });

  it('address: { pod } passes only for that pod\'s own IP, and fails without error when the pod is gone', async () => {
    const sim = createSimulation({ seed: 1 });
    for (const line of [`kubectl apply -f - <<'EOF'\n${MANIFEST}EOF`, 'kubectl run client --image=busybox --command -- sleep infinity']) expect((await sim.exec(line)).exitCode).toBe(0);
    settle(sim);
    const web1 = sim.cluster.get('pods', 'default', 'web-1')!.status.podIP!;
    expect(gradeDnsCheck(check({ name: 'web-1.web', expect: 'resolves', address: { pod: 'web-1' } }), sim)).toMatchObject({ passed: true, params: { addresses: web1 } });
    expect(gradeDnsCheck(check({ name: 'web-0.web', expect: 'resolves', address: { pod: 'web-1' } }), sim)).toMatchObject({ passed: false, feedbackId: 'dns.wrong_address', params: { expected: `pod default/web-1 (${web1})` } });
    expect((await sim.exec('kubectl scale statefulset web --replicas=1')).exitCode).toBe(0);
    settle(sim);
    expect(gradeDnsCheck(check({ name: 'web-0.web', expect: 'resolves', address: { pod: 'web-1' } }), sim)).toMatchObject({ passed: false, feedbackId: 'dns.wrong_address', params: { expected: 'pod default/web-1, which has no IP' } });
  });

  it('address takes exactly one of service, pod or ip', () => {
    for (const address of [{ pod: 'web-1', service: 'web' }, { pod: 'web-1', ip: '10.0.0.1' }, {}]) {
      expect(DnsCheckSchema.safeParse({ id: 'c', title: 'C', kind: 'dns', from: { pod: 'x' }, name: 'web', expect: 'resolves', address }).success).toBe(false);
    }
  });
});
