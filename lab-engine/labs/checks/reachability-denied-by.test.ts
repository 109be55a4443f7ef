// `deniedBy` grades how a packet is stopped, not only that it is: kube-proxy's REJECT for a
// Service without endpoints is no NetworkPolicy, and a sender's own egress policy is not the
// receiver's ingress policy. The walk's deciding hop says which it was.

import { describe, expect, it } from 'vitest';
import { clusterAfter, BACKEND_CLUSTER } from './reachability-test-fixture';
import { renderFeedback } from '../feedback';
import { ReachabilityCheckSchema } from '../schema';
import { gradeReachabilityCheck } from './reachability-check';

const policy = (name: string, spec: string) => `kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
spec:
${spec}
EOF`;

const BACKEND_INGRESS = policy('backend-allow-frontend', `  podSelector:
    matchLabels:
      app: backend
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: frontend`);

const MONITORING_EGRESS_DENY = policy('monitoring-no-egress', `  podSelector:
    matchLabels:
      app: monitoring
  policyTypes: [Egress]`);

const cluster = (...extra: string[]) => clusterAfter(3, [...BACKEND_CLUSTER, ...extra]);

const denied = (from: string, service: string, port: number, deniedBy?: string) =>
  ReachabilityCheckSchema.parse({ id: 'c', title: 'C', kind: 'reachability', from: { selector: `app=${from}` }, to: { service, port }, expect: 'denied', ...(deniedBy ? { deniedBy } : {}) });

describe('reachability checks with deniedBy', () => {
  it("kube-proxy's REJECT for a Service without endpoints is denied, but not by a policy", async () => {
    const sim = await cluster();
    expect(gradeReachabilityCheck(denied('frontend', 'empty', 80), sim)).toMatchObject({ passed: true, feedbackId: 'reachability.denied_ok' });
    expect(gradeReachabilityCheck(denied('frontend', 'empty', 80, 'no-endpoints'), sim)).toMatchObject({ passed: true });
    const r = gradeReachabilityCheck(denied('frontend', 'empty', 80, 'policy'), sim);
    expect(r).toMatchObject({ passed: false, feedbackId: 'reachability.denied_otherwise', params: { expected: 'policy', blocker: { kind: 'no-endpoints', service: 'default/empty', port: 80 }, hop: { kind: 'netfilter' } } });
    expect(renderFeedback(r)).toBe(
      'pod default/frontend cannot reach service default/empty:80, but the check needs a NetworkPolicy to stop it, and here Service default/empty has no ready endpoint yet, so kube-proxy rejects connections to it on port 80',
    );
    // The walk rides along, as with every failed reachability check.
    expect(r.trace?.outcome.kind).toBe('refused');
  });

  it('a port nothing listens on is its own kind of denial', async () => {
    const sim = await cluster();
    expect(gradeReachabilityCheck(denied('frontend', 'wrong-port', 8081, 'no-listener'), sim)).toMatchObject({ passed: true });
    expect(gradeReachabilityCheck(denied('frontend', 'wrong-port', 8081, 'no-endpoints'), sim)).toMatchObject({ passed: false, params: { blocker: { kind: 'no-listener', port: 9999 } } });
  });

  it("the receiver's ingress policy: passes for ingress-policy and policy, fails for egress-policy", async () => {
    const sim = await cluster(BACKEND_INGRESS);
    expect(gradeReachabilityCheck(denied('monitoring', 'backend', 8080, 'ingress-policy'), sim)).toMatchObject({ passed: true, feedbackId: 'reachability.denied_ok' });
    expect(gradeReachabilityCheck(denied('monitoring', 'backend', 8080, 'policy'), sim)).toMatchObject({ passed: true });
    expect(gradeReachabilityCheck(denied('monitoring', 'backend', 8080, 'egress-policy'), sim)).toMatchObject({ passed: false, params: { blocker: { kind: 'policy', direction: 'ingress' } } });
  });

  it("the sender's own egress deny is not the receiver's ingress policy", async () => {
    const sim = await cluster(MONITORING_EGRESS_DENY);
    expect(gradeReachabilityCheck(denied('monitoring', 'backend', 8080), sim)).toMatchObject({ passed: true });
    expect(gradeReachabilityCheck(denied('monitoring', 'backend', 8080, 'egress-policy'), sim)).toMatchObject({ passed: true });
    const r = gradeReachabilityCheck(denied('monitoring', 'backend', 8080, 'ingress-policy'), sim);
    expect(r).toMatchObject({ passed: false, feedbackId: 'reachability.denied_otherwise', params: { blocker: { kind: 'policy', direction: 'egress', pod: 'monitoring', policies: ['monitoring-no-egress'] } } });
    expect(renderFeedback(r)).toMatch(
      /^pod default\/monitoring cannot reach service default\/backend:8080, but the check needs a NetworkPolicy of the receiving pod \(ingress\) to stop it, and here NetworkPolicy monitoring-no-egress in namespace default selects pod monitoring and no rule allows egress to pod default\/backend-\S+ on TCP 80$/,
    );
  });

  it('the schema keeps deniedBy to denied checks and names the choices', () => {
    const issues = (fields: Record<string, unknown>) =>
      ReachabilityCheckSchema.safeParse({ id: 'c', title: 'C', kind: 'reachability', from: { pod: 'a' }, to: { service: 's', port: 80 }, expect: 'denied', ...fields }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ deniedBy: 'ingress-policy' })).toBeUndefined();
    expect(issues({ expect: 'allowed', deniedBy: 'policy' })).toEqual(['deniedBy: deniedBy only goes with expect: denied']);
    expect(issues({ deniedBy: 'firewall' })).toEqual(['deniedBy: deniedBy must be one of policy, ingress-policy, egress-policy, no-endpoints, no-listener']);
  });

  it("an egress deny as well as the receiver's ingress policy: the receiver's own verdict still counts", async () => {
    const sim = await cluster(BACKEND_INGRESS, MONITORING_EGRESS_DENY);
    const r = gradeReachabilityCheck(denied('monitoring', 'backend', 8080, 'ingress-policy'), sim);
    expect(r).toMatchObject({ passed: true, feedbackId: 'reachability.denied_ok', params: { blocker: { kind: 'policy', direction: 'ingress', namespace: 'default', policies: ['backend-allow-frontend'], peer: 'pod default/monitoring', port: 80 } } });
    expect(renderFeedback(r)).toMatch(/^pod default\/monitoring cannot reach service default\/backend:8080, as intended: NetworkPolicy backend-allow-frontend in namespace default selects pod backend-\S+ and no rule allows ingress from pod default\/monitoring on TCP 80/);
    // An ingress policy that would let monitoring in does not count, egress deny or not.
    expect((await sim.exec('kubectl delete networkpolicy backend-allow-frontend')).exitCode).toBe(0);
    expect((await sim.exec(policy('backend-open', '  podSelector:\n    matchLabels:\n      app: backend\n  ingress:\n  - {}'))).exitCode).toBe(0);
    expect(gradeReachabilityCheck(denied('monitoring', 'backend', 8080, 'ingress-policy'), sim)).toMatchObject({ passed: false, feedbackId: 'reachability.denied_otherwise' });
  });
});
