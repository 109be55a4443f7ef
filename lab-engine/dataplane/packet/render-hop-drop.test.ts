// A netfilter DROP names the chain that dropped and, for a rule (not a chain policy), the rule's
// own comment: kube-proxy writes why into it ("ns/svc:port has no local endpoints"), and the
// learner's trace and the grader's reason should say so rather than a bare "DROP".

import { describe, expect, it } from 'vitest';
import { hopSummary } from './render-hop';
import type { NetfilterHopDecision } from './hop-decisions';

const drop = (over: Partial<NetfilterHopDecision>): Parameters<typeof hopSummary>[0] =>
  ({ netns: 'node/node-2', kind: 'netfilter', table: 'filter', chain: 'INPUT', verdict: 'DROP', matched: [], ...over }) as Parameters<typeof hopSummary>[0];

describe('netfilter DROP summary', () => {
  it("quotes the dropping rule's comment and names its chain", () => {
    const spec = '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "tracking/api:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j DROP';
    expect(hopSummary(drop({ matched: [{ chain: 'KUBE-EXTERNAL-SERVICES', ruleNumber: 1, spec }] }))).toBe('filter INPUT: KUBE-EXTERNAL-SERVICES: DROP ("tracking/api:http has no local endpoints")');
  });

  it('reads an unquoted comment too', () => {
    const spec = '-A KUBE-FIREWALL -m comment --comment blocked -j DROP';
    expect(hopSummary(drop({ matched: [{ chain: 'KUBE-FIREWALL', ruleNumber: 1, spec }] }))).toBe('filter INPUT: KUBE-FIREWALL: DROP ("blocked")');
  });

  it('a chain policy has no rule to quote', () => {
    expect(hopSummary(drop({ policyDrop: true }))).toBe('filter INPUT: policy DROP');
  });
});
