// A packet to an address outside the cluster that should have been stopped: no ingress policy
// can have a say there, so the feedback names the sender's egress side: the rule that let it out,
// or the fact that no policy isolates the sender for egress at all.

import { describe, expect, it } from 'vitest';
import { clusterAfter } from './reachability-test-fixture';
import { renderFeedback } from '../feedback';
import { ReachabilityCheckSchema } from '../schema';
import { gradeReachabilityCheck } from './reachability-check';

const METADATA_DENIED = ReachabilityCheckSchema.parse({ id: 'metadata-denied', title: 'metadata denied', kind: 'reachability', from: { pod: 'app' }, to: { ip: '169.254.169.254', port: 80 }, expect: 'denied' });

const EGRESS_ANYWHERE = `kubectl apply -f - <<'EOF'
{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: egress-anywhere}, spec: {podSelector: {matchLabels: {run: app}}, policyTypes: [Egress], egress: [{}]}}
EOF`;

describe('reachability feedback for an outside destination that should be denied', () => {
  it('names the sender as not isolated for egress, then the egress rule that lets it out', async () => {
    const sim = await clusterAfter(4, ['kubectl run app --image=busybox -- sleep 3600']);
    const open = gradeReachabilityCheck(METADATA_DENIED, sim);
    expect(open).toMatchObject({ passed: false, feedbackId: 'reachability.unexpectedly_allowed', params: { allowance: { kind: 'sender-not-isolated', pod: 'pod default/app' } } });
    expect(renderFeedback(open)).toBe('pod default/app can still reach 169.254.169.254:80; it should not: no NetworkPolicy selects pod default/app for egress, so it may send anywhere');
    expect((await sim.exec(EGRESS_ANYWHERE)).exitCode).toBe(0);
    const ruled = gradeReachabilityCheck(METADATA_DENIED, sim);
    expect(ruled.params).toMatchObject({ allowance: { kind: 'allowed-by-rule', direction: 'egress', pod: 'pod default/app', policy: 'default/egress-anywhere', rule: 'egress[0]' } });
    expect(renderFeedback(ruled)).toBe('pod default/app can still reach 169.254.169.254:80; it should not: rule egress[0] of NetworkPolicy default/egress-anywhere allows it (egress of pod default/app)');
  });
});
