// `http` checks send one GET through the dataplane and grade what comes back: from a pod to a
// Service, or from the workstation through the lab's ingress controller with a Host header.
// Grading leaves no trace: the controller's access log and conntrack stay as the learner left them.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { HttpCheckSchema } from '../schema';
import { gradeHttpCheck } from './http-check';
import { ingressYaml } from '../../simulation/testing/ingress-yaml';

const INGRESS = ingressYaml({ name: 'web', host: 'web.example.com' });

async function cluster(ingress: boolean) {
  const sim = createSimulation({ seed: 6, topology: { cni: 'calico', proxyMode: 'iptables', ...(ingress ? { ingress: 'nginx' as const } : {}) }, files: { '/lab/ing.yaml': INGRESS } });
  for (const l of ['kubectl create deployment web --image=nginx', 'kubectl expose deployment web --port 80', 'kubectl run client --image=busybox --command -- sleep infinity']) {
    expect((await sim.exec(l)).exitCode).toBe(0);
  }
  settle(sim);
  return sim;
}

const check = (fields: Record<string, unknown>) => HttpCheckSchema.parse({ id: 'c', title: 'C', kind: 'http', ...fields });

describe('http checks', () => {
  it('from a pod to a Service: status and body decide', async () => {
    const sim = await cluster(false);
    const to = { service: 'web', port: 80 };
    expect(gradeHttpCheck(check({ from: { pod: 'client' }, to, expect: { status: 200, bodyContains: 'Welcome to nginx!' } }), sim)).toMatchObject({ passed: true, feedbackId: 'http.ok', params: { from: 'pod default/client', status: 200 } });
    expect(gradeHttpCheck(check({ from: { pod: 'client' }, to, path: '/missing', expect: { status: 200 } }), sim)).toMatchObject({ passed: false, feedbackId: 'http.wrong_status', params: { status: 404, expected: 200 } });
    expect(gradeHttpCheck(check({ from: { pod: 'client' }, to, expect: { status: 200, bodyContains: 'orders' } }), sim)).toMatchObject({ passed: false, feedbackId: 'http.body_mismatch' });
  });

  it('through the ingress controller from the workstation, and without a trace in the access log', async () => {
    const sim = await cluster(true);
    const via = { to: { ingress: 'nginx' }, host: 'web.example.com', expect: { status: 200 } };
    const before = gradeHttpCheck(check(via), sim);
    expect(before).toMatchObject({ passed: false, feedbackId: 'http.wrong_status', params: { from: 'the workstation', url: 'http://web.example.com/', status: 404 } });
    await sim.exec('kubectl apply -f /lab/ing.yaml');
    const after = gradeHttpCheck(check(via), sim);
    expect(after).toMatchObject({ passed: true, feedbackId: 'http.ok' });
    expect(after.reason).toMatch(/^ingress-nginx: ingress default\/web host web\.example\.com path \/ \(Prefix\) → service web:80: proxied to 10\.244\.\d+\.\d+:80/);
    const log = (await sim.exec('kubectl -n ingress-nginx logs deploy/ingress-nginx-controller')).stdout;
    expect(log).not.toContain('"GET / HTTP/1.1"');
  });

  it('says so when the lab has no ingress controller, and when a policy drops the request', async () => {
    const sim = await cluster(false);
    expect(gradeHttpCheck(check({ to: { ingress: 'nginx' }, expect: { status: 200 } }), sim)).toMatchObject({ passed: false, feedbackId: 'check.error' });
    await sim.exec("kubectl apply -f - <<'EOF'\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes: [Ingress]\nEOF");
    const r = gradeHttpCheck(check({ from: { pod: 'client' }, to: { service: 'web', port: 80 }, expect: { status: 200 } }), sim);
    expect(r).toMatchObject({ passed: false, feedbackId: 'http.no_response' });
    expect(r.reason).toContain('default/deny');
  });
  it('names the pod that reset the connection when the Service targets a port nothing listens on', async () => {
    const sim = await cluster(false);
    expect((await sim.exec('kubectl expose deployment web --name=wrong-port --port=80 --target-port=8080')).exitCode).toBe(0);
    settle(sim);
    const pod = sim.view().list('pods', 'default', 'app=web')[0];
    const result = await gradeHttpCheck(check({ from: { pod: 'client' }, to: { service: 'wrong-port', port: 80 }, expect: { status: 200 } }), sim);
    expect(result).toMatchObject({ passed: false, feedbackId: 'http.no_response' });
    expect(result.reason).toBe(`connection refused (TCP reset) by ${pod.status.podIP}:8080: nothing listens on port 8080 in pod default/${pod.metadata.name}`);
  });
});
