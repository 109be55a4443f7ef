// A reachability check's feedback comes from the typed decision of the hop that decided: the
// policy and its near-miss rule, the Service with no ready endpoint, the port nothing listens on,
// or what let a packet through. A failed check carries the walk for the browser to draw
// (protocol/check-result.test.ts follows it onto the wire).

import { describe, expect, it } from 'vitest';
import { clusterAfter, BACKEND_CLUSTER } from './reachability-test-fixture';
import { renderFeedback } from '../feedback';
import { ReachabilityCheckSchema } from '../schema';
import { gradeReachabilityCheck } from './reachability-check';

const ALLOW_FRONTEND = `kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: backend-allow-frontend
spec:
  podSelector:
    matchLabels:
      app: backend
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: frontend
    ports:
    - port: 80
EOF`;

async function cluster() {
  const sim = await clusterAfter(3, BACKEND_CLUSTER);
  const backend = sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'backend')!.metadata.name;
  return { sim, backend };
}

const check = (from: string, service: string, port: number, expect: 'allowed' | 'denied') =>
  ReachabilityCheckSchema.parse({ id: 'c', title: 'C', kind: 'reachability', from: { selector: `app=${from}` }, to: { service, port }, expect });

describe('reachability feedback from typed hop decisions', () => {
  it('a policy drop names the policy, the pod it selects, the flow no rule allows, and the rule that nearly did', async () => {
    const { sim, backend } = await cluster();
    expect((await sim.exec(ALLOW_FRONTEND)).exitCode).toBe(0);
    const r = gradeReachabilityCheck(check('monitoring', 'backend', 8080, 'allowed'), sim);
    expect(r).toMatchObject({ passed: false, feedbackId: 'reachability.unexpectedly_denied' });
    expect(r.params).toMatchObject({
      from: 'pod default/monitoring',
      to: 'service default/backend:8080',
      hop: { kind: 'policy', netns: expect.stringMatching(/^node\//) },
      blocker: { kind: 'policy', direction: 'ingress', namespace: 'default', pod: backend, policies: ['backend-allow-frontend'], protocol: 'TCP', port: 80, peer: 'pod default/monitoring', nearMiss: { policy: 'backend-allow-frontend', rule: 'ingress[0]', missed: 'peer' } },
    });
    expect(r.reason).toMatch(/^calico: ingress of default\/backend-.* denied: no NetworkPolicy rule allows tcp\/80 from 10\.244\./);
    expect(renderFeedback(r)).toBe(
      `pod default/monitoring cannot reach service default/backend:8080: NetworkPolicy backend-allow-frontend in namespace default selects pod ${backend} and no rule allows ingress from pod default/monitoring on TCP 80; rule ingress[0] of backend-allow-frontend matches TCP 80 but not the source`,
    );
    // The walk rides along for a picture, pointing at the deciding hop.
    expect(r.trace).toMatchObject({ outcome: { kind: 'dropped', cause: { kind: 'policy' } }, replied: false });
    expect(r.trace!.decidedAt).toBe(r.trace!.hops.length - 1);
    expect((r.params as { hop: { index: number } }).hop.index).toBe(r.trace!.decidedAt);
    // Passing results carry none.
    expect(gradeReachabilityCheck(check('monitoring', 'backend', 8080, 'denied'), sim)).toMatchObject({ passed: true, feedbackId: 'reachability.denied_ok' });
    expect(gradeReachabilityCheck(check('monitoring', 'backend', 8080, 'denied'), sim).trace).toBeUndefined();
  });

  it('a Service without endpoints: "has no ready endpoint yet", from the REJECT rule that names it', async () => {
    const { sim } = await cluster();
    const r = gradeReachabilityCheck(check('frontend', 'empty', 80, 'allowed'), sim);
    expect(r.params).toMatchObject({ hop: { kind: 'netfilter' }, blocker: { kind: 'no-endpoints', service: 'default/empty', port: 80, rule: expect.stringMatching(/^KUBE-SERVICES\/\d+$/) } });
    expect(renderFeedback(r)).toBe('pod default/frontend cannot reach service default/empty:80: Service default/empty has no ready endpoint yet, so kube-proxy rejects connections to it on port 80');
  });

  it('a Service whose targetPort nothing listens on: the pod, the port, and the Service to fix', async () => {
    const { sim, backend } = await cluster();
    const r = gradeReachabilityCheck(check('frontend', 'wrong-port', 8081, 'allowed'), sim);
    expect(r.params).toMatchObject({ hop: { kind: 'deliver' }, blocker: { kind: 'no-listener', target: `pod default/${backend}`, protocol: 'TCP', port: 9999, service: 'default/wrong-port' } });
    expect(renderFeedback(r)).toBe(`pod default/frontend cannot reach service default/wrong-port:8081: nothing in pod default/${backend} listens on TCP 9999; Service default/wrong-port sends the connection there, so check its targetPort`);
  });

  it('a packet that should have been stopped: no policy isolates the pod, or a rule let it in', async () => {
    const { sim, backend } = await cluster();
    const open = gradeReachabilityCheck(check('frontend', 'backend', 8080, 'denied'), sim);
    expect(open).toMatchObject({ passed: false, feedbackId: 'reachability.unexpectedly_allowed', params: { allowance: { kind: 'not-isolated', pod: `pod default/${backend}` } } });
    expect(renderFeedback(open)).toBe(`pod default/frontend can still reach service default/backend:8080; it should not: no NetworkPolicy selects pod default/${backend} for ingress, so every connection to it is allowed`);
    expect(open.trace?.outcome.kind).toBe('delivered');
    expect((await sim.exec(ALLOW_FRONTEND)).exitCode).toBe(0);
    const ruled = gradeReachabilityCheck(check('frontend', 'backend', 8080, 'denied'), sim);
    expect(ruled.params).toMatchObject({ allowance: { kind: 'allowed-by-rule', direction: 'ingress', policy: 'default/backend-allow-frontend', rule: 'ingress[0]' } });
    expect(renderFeedback(ruled)).toContain('rule ingress[0] of NetworkPolicy default/backend-allow-frontend allows it');
  });

  it('a check that names a node sends only from a pod running there', async () => {
    const { sim } = await cluster();
    const node = sim.cluster.get('pods', 'default', 'frontend')!.spec.nodeName!;
    const other = node === 'node-1' ? 'node-2' : 'node-1';
    const on = (n: string) => ReachabilityCheckSchema.parse({ id: 'c', title: 'C', kind: 'reachability', from: { pod: 'frontend', node: n }, to: { service: 'backend', port: 8080 }, expect: 'allowed' });
    expect(gradeReachabilityCheck(on(node), sim)).toMatchObject({ passed: true });
    const elsewhere = gradeReachabilityCheck(on(other), sim);
    expect(elsewhere).toMatchObject({ passed: false, feedbackId: 'reachability.no_source', params: { namespace: 'default', selector: `pod frontend on node ${other}` } });
    expect(renderFeedback(elsewhere)).toBe(`No running pod in namespace default matches pod frontend on node ${other} to send from yet`);
    expect(ReachabilityCheckSchema.safeParse({ id: 'c', title: 'C', kind: 'reachability', from: { pod: 'frontend', node: 'Node 2' }, to: { service: 'backend', port: 8080 }, expect: 'allowed' }).success).toBe(false);
  });
});
