import { describe, expect, it } from 'vitest';
import { createSimulation, settle, type FlatnetSimulation } from '../../simulation/simulation';
import { LoadCheckSchema } from '../schema';
import { gradeLoadCheck } from './load-check';
import { renderFeedback } from '../feedback';

/** shop-web (a JVM: 6 s from start to listening, 3 s to exit) ×2 behind a Service, and a client pod. */
async function shopCluster(extra = ''): Promise<FlatnetSimulation> {
  const app = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: ghcr.io/flatnet-labs/shop-web:2.4.1
        ports: [{name: http, containerPort: 8080}]
${extra}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
`;
  const sim = createSimulation({ seed: 3, files: { '/lab/app.yaml': app } });
  expect((await sim.exec('kubectl apply -f /lab/app.yaml && kubectl run client --image=nicolaka/netshoot --command -- sleep infinity')).exitCode).toBe(0);
  settle(sim);
  return sim;
}

const GUARDED = `        readinessProbe: {httpGet: {path: /actuator/health/readiness, port: http}, periodSeconds: 2}
        lifecycle: {preStop: {sleep: {seconds: 5}}}`;

const check = (fields: Record<string, unknown> = {}) =>
  LoadCheckSchema.parse({
    id: 'l',
    title: 'L',
    kind: 'load',
    from: { pod: 'client' },
    to: { service: 'web', port: 80 },
    rate: 5,
    seconds: 45,
    during: 'kubectl rollout restart deployment web',
    rollout: { deployment: 'web' },
    expect: { maxFailed: 0 },
    ...fields,
  });

describe('load checks', () => {
  it('fail a rollout of pods without a readiness probe or preStop hook, naming how, when and which pod', async () => {
    const sim = await shopCluster();
    const before = sim.generation();
    const result = await gradeLoadCheck(check(), sim);
    expect(result).toMatchObject({ passed: false, feedbackId: 'load.failed', params: { sent: 225, maxFailed: 0 } });
    if (result.feedbackId !== 'load.failed') throw new Error('unreachable');
    expect(result.params.failed).toBeGreaterThan(0);
    expect(result.params.failures).toMatch(/connection refused \(TCP reset\) by 10\.244\.\d+\.\d+:8080: nothing listens on port 8080 in pod default\/web-/);
    expect(renderFeedback(result)).toMatch(/^From pod default\/client, 5 GET\/s to http:\/\/10\.\d+\.\d+\.\d+\/ for 45 s while `kubectl rollout restart deployment web` ran: \d+ of 225 requests failed/);
    // Graded on a copy: the learner's Deployment was never restarted.
    expect(sim.generation()).toBe(before);
    expect(sim.cluster.get('deployments', 'default', 'web')?.metadata.generation).toBe(1);
  });

  it('pass the same rollout once a readiness probe guards new pods and a preStop sleep drains old ones', async () => {
    const sim = await shopCluster(GUARDED);
    const result = await gradeLoadCheck(check(), sim);
    expect(result).toMatchObject({ passed: true, feedbackId: 'load.ok', params: { sent: 225 } });
    // Connections spread over the backends (kube-proxy's random pick per connection).
    if (result.feedbackId !== 'load.ok') throw new Error('unreachable');
    expect(result.params.pods.split(', ').length).toBeGreaterThanOrEqual(2);
  });

  it('fail when the rollout never finishes (a probe on a path the app does not serve), within the window', async () => {
    const sim = await shopCluster(GUARDED);
    expect((await sim.exec(`kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"web","readinessProbe":{"httpGet":{"path":"/healthz"}}}]}}}}'`)).exitCode).toBe(0);
    settle(sim);
    const result = await gradeLoadCheck(check({ seconds: 30 }), sim);
    expect(result).toMatchObject({ passed: false, feedbackId: 'load.rollout_incomplete', params: { deployment: 'default/web', status: expect.stringMatching(/new replicas have been updated|old replicas are pending termination|updated replicas are available/) } });
  });

  it('grade how evenly the pods share the load, without a rollout', async () => {
    const sim = await shopCluster(GUARDED);
    const even = await gradeLoadCheck(check({ during: undefined, rollout: undefined, seconds: 20, expect: { minShareEachPod: 30 } }), sim);
    expect(even).toMatchObject({ passed: true, feedbackId: 'load.ok' });
    const strict = await gradeLoadCheck(check({ during: undefined, rollout: undefined, seconds: 20, expect: { minShareEachPod: 60 } }), sim);
    expect(strict).toMatchObject({ passed: false, feedbackId: 'load.uneven', params: { minShare: 60 } });
  });

  it('hold one client to one pod only with ClientIP session affinity', async () => {
    const sim = await shopCluster(GUARDED);
    const sticky = check({ during: undefined, rollout: undefined, seconds: 10, expect: { samePodPerClient: true } });
    const moved = await gradeLoadCheck(sticky, sim);
    expect(moved).toMatchObject({ passed: false, feedbackId: 'load.client_moved', params: { fromPod: expect.stringMatching(/^default\/web-/), toPod: expect.stringMatching(/^default\/web-/) } });
    expect(renderFeedback(moved)).toMatch(/the client's requests moved between pods \d+ times?, first at second \d+ from default\/web-\S+ to default\/web-\S+; a session kept in one pod's memory is lost each time/);
    expect((await sim.exec(`kubectl patch svc web -p '{"spec":{"sessionAffinity":"ClientIP"}}'`)).exitCode).toBe(0);
    const held = await gradeLoadCheck(sticky, sim);
    expect(held).toMatchObject({ passed: true, feedbackId: 'load.ok' });
    if (held.feedbackId !== 'load.ok') throw new Error('unreachable');
    expect(held.params.pods).toMatch(/^default\/web-\S+: 50$/);
    // A person clicking every 15 s: a 10 s affinity timeout forgets the client between clicks.
    expect((await sim.exec(`kubectl patch svc web -p '{"spec":{"sessionAffinityConfig":{"clientIP":{"timeoutSeconds":10}}}}'`)).exitCode).toBe(0);
    const clicks = check({ during: undefined, rollout: undefined, rate: undefined, everySeconds: 15, seconds: 120, expect: { samePodPerClient: true } });
    const forgot = await gradeLoadCheck(clicks, sim);
    expect(forgot).toMatchObject({ passed: false, feedbackId: 'load.client_moved', params: { everySeconds: 15, sent: 8 } });
    expect(renderFeedback(forgot)).toMatch(/^From pod default\/client, a GET of http:\/\/\S+ every 15 s for 120 s: the client's requests moved/);
  });

  it('report a `during` line that fails as the check outcome, not an exception', async () => {
    const sim = await shopCluster();
    const result = await gradeLoadCheck(check({ during: 'kubectl rollout restart deployment nope' }), sim);
    expect(result).toMatchObject({ passed: false, feedbackId: 'command.wrong_exit_code', params: { exitCode: 1, excerpt: expect.stringContaining('not found') } });
  });

  it('bound the cost: rate × seconds is limited when the lab loads', () => {
    expect(LoadCheckSchema.safeParse({ id: 'l', title: 'L', kind: 'load', to: { service: 'web', port: 80 }, rate: 50, seconds: 120, expect: { maxFailed: 0 } }).success).toBe(false);
    expect(LoadCheckSchema.safeParse({ id: 'l', title: 'L', kind: 'load', to: { service: 'web', port: 80 }, rate: 10, seconds: 60, expect: {} }).success).toBe(false);
    expect(LoadCheckSchema.safeParse({ id: 'l', title: 'L', kind: 'load', to: { service: 'web', port: 80 }, rate: 1, everySeconds: 5, seconds: 60, expect: { maxFailed: 0 } }).success).toBe(false);
    expect(LoadCheckSchema.safeParse({ id: 'l', title: 'L', kind: 'load', to: { service: 'web', port: 80 }, seconds: 60, expect: { maxFailed: 0 } }).success).toBe(false);
  });
});
