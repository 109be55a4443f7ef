// `backends` holds a Service to the workload it fronts, as kube-proxy sees it (EndpointSlices) and
// as the Deployment owns it (ownerReferences): a relabelled, orphaned pod behind the Service
// answers every packet, yet the check fails and says why; relabelled back, it is adopted again.

import { describe, expect, it } from 'vitest';
import { settle } from '../../simulation/simulation';
import { clusterAfter } from './reachability-test-fixture';
import { renderFeedback } from '../feedback';
import { ReachabilityCheckSchema } from '../schema';
import { gradeReachabilityCheck } from './reachability-check';

const CANARY = `kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: canary
spec:
  replicas: 1
  selector:
    matchLabels: { app: web, track: canary }
  template:
    metadata:
      labels: { app: web, track: canary }
    spec:
      containers:
      - name: nginx
        image: nginx
EOF`;

const cluster = (...extra: string[]) =>
  clusterAfter(5, ['kubectl create deployment web --image=nginx --replicas=2 --port=80', 'kubectl expose deployment web --port=80', 'kubectl run client --image=busybox -- sleep 3600', ...extra]);

const check = (fields: Record<string, unknown> = {}) =>
  ReachabilityCheckSchema.parse({ id: 'c', title: 'C', kind: 'reachability', from: { pod: 'client' }, to: { service: 'web', port: 80 }, expect: 'allowed', backends: { deployment: 'web' }, ...fields });

describe('reachability checks with backends', () => {
  it("pass when the Service's EndpointSlices hold exactly the Deployment's ready replicas", async () => {
    const sim = await cluster();
    expect(gradeReachabilityCheck(check(), sim)).toMatchObject({ passed: true, feedbackId: 'reachability.allowed_ok' });
  });

  it('fail for pods relabelled onto the Service: their ReplicaSet released them, and replaced them', async () => {
    const sim = await cluster();
    expect((await sim.exec('kubectl label pods -l app=web app=wbe --overwrite')).exitCode).toBe(0);
    expect((await sim.exec(`kubectl patch service web -p '{"spec":{"selector":{"app":"wbe"}}}'`)).exitCode).toBe(0);
    settle(sim);
    const owned = (app: string) => sim.view().list('pods', 'default', `app=${app}`).map((p) => p.metadata.ownerReferences?.length ?? 0);
    expect(owned('wbe')).toEqual([0, 0]);
    expect(owned('web')).toEqual([1, 1]);
    // The orphans still answer: a plain reachability check cannot tell.
    expect(gradeReachabilityCheck(check({ backends: undefined }), sim)).toMatchObject({ passed: true });
    const r = gradeReachabilityCheck(check(), sim);
    expect(r).toMatchObject({ passed: false, feedbackId: 'reachability.wrong_backends', params: { service: 'default/web', problem: { kind: 'foreign-endpoint', deployment: 'web', endpoint: expect.stringMatching(/^pod default\/web-/) } } });
    expect((r.params as { problem: { owner?: string } }).problem.owner).toBeUndefined();
    expect(renderFeedback(r)).toMatch(/^pod default\/client reaches service default\/web:80, but Service default\/web sends to pod default\/web-\S+, which no ReplicaSet owns any more: /);
    // Undoing it heals: the ReplicaSet adopts its pods again and deletes the surplus.
    expect((await sim.exec('kubectl label pods -l app=wbe app=web --overwrite')).exitCode).toBe(0);
    expect((await sim.exec(`kubectl patch service web -p '{"spec":{"selector":{"app":"web"}}}'`)).exitCode).toBe(0);
    settle(sim);
    expect(gradeReachabilityCheck(check(), sim)).toMatchObject({ passed: true });
  });

  it("fail for a Service that also sends to another Deployment's pods, naming their owner", async () => {
    const sim = await cluster(CANARY);
    const r = gradeReachabilityCheck(check(), sim);
    expect(r).toMatchObject({ passed: false, params: { problem: { kind: 'foreign-endpoint', owner: expect.stringMatching(/^ReplicaSet canary-\S+ of Deployment canary$/) } } });
  });

  it('fail while fewer endpoints are ready than the Deployment has replicas', async () => {
    const sim = await cluster();
    expect((await sim.exec('kubectl scale deployment web --replicas=3')).exitCode).toBe(0);
    const r = gradeReachabilityCheck(check(), sim);
    expect(r).toMatchObject({ passed: false, params: { problem: { kind: 'count', ready: 2, replicas: 3 } } });
    expect(renderFeedback(r)).toMatch(/but the EndpointSlices of Service default\/web hold 2 ready endpoints.*, but Deployment web has 3 replicas$/);
    settle(sim);
    expect(gradeReachabilityCheck(check(), sim)).toMatchObject({ passed: true });
  });

  it('fail when there is no such Deployment', async () => {
    const sim = await cluster();
    expect(gradeReachabilityCheck(check({ backends: { deployment: 'webb' } }), sim)).toMatchObject({ passed: false, params: { problem: { kind: 'no-deployment', deployment: 'webb' } } });
  });

  it('the schema keeps backends to allowed checks on a Service', () => {
    const issues = (fields: Record<string, unknown>) =>
      ReachabilityCheckSchema.safeParse({ id: 'c', title: 'C', kind: 'reachability', from: { pod: 'a' }, to: { service: 's', port: 80 }, expect: 'allowed', backends: { deployment: 'web' }, ...fields }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({})).toBeUndefined();
    expect(issues({ to: { pod: 'web', port: 80 } })).toEqual(['backends: backends only goes with expect: allowed and a service target']);
    expect(issues({ expect: 'denied' })).toEqual(['backends: backends only goes with expect: allowed and a service target']);
    expect(issues({ backends: { deployment: 'Web' } })).toEqual(['backends.deployment: backends.deployment must be a Deployment name, e.g. "web"']);
  });
});
