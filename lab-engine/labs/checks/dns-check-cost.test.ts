// `dns` checks that grade what a lookup costs: its latency over many lookups (the conntrack race
// of parallel A/AAAA queries), the queries one lookup sends, and a name read from the pod's env.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { DnsCheckSchema } from '../schema';
import { gradeDnsCheck } from './dns-check';

async function cluster() {
  const sim = createSimulation({ seed: 5 });
  const pods = `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: plain, namespace: shop}
spec:
  containers:
  - name: c
    image: nginx:1.27
    env: [{name: PAYMENTS_HOST, value: api.payments.example.}]
---
apiVersion: v1
kind: Pod
metadata: {name: reopen, namespace: shop}
spec:
  dnsConfig:
    options: [{name: single-request-reopen}]
  containers:
  - name: c
    image: nginx:1.27
EOF`;
  for (const l of ['kubectl create namespace shop', pods]) expect((await sim.exec(l)).exitCode).toBe(0);
  settle(sim);
  return sim;
}

const check = (pod: string, fields: Record<string, unknown>) => DnsCheckSchema.parse({ id: 'c', title: 'C', kind: 'dns', from: { namespace: 'shop', pod }, expect: 'resolves', ...fields });

describe('dns check cost', () => {
  it('latency: fails while lookups stall 5 s behind the DNAT, passes with single-request-reopen', async () => {
    const sim = await cluster();
    const latency = { name: 'api.payments.example', latency: { lookups: 200, maxSeconds: 0.5 } };
    const slow = gradeDnsCheck(check('plain', latency), sim);
    expect(slow).toMatchObject({ passed: false, feedbackId: 'dns.slow' });
    expect(slow.reason).toMatch(/^\d+\/200 lookups slower than 0\.5 s$/);
    expect(slow.params).toMatchObject({ worst: expect.stringMatching(/^5\.\d\d s$/) });
    expect(gradeDnsCheck(check('reopen', latency), sim)).toMatchObject({ passed: true, feedbackId: 'dns.fast_ok' });
  });

  it('maxQueries: the search list costs 8 queries, the name from the env (an FQDN) 2', async () => {
    const sim = await cluster();
    expect(gradeDnsCheck(check('plain', { name: 'api.payments.example', maxQueries: 2 }), sim)).toMatchObject({ passed: false, feedbackId: 'dns.too_many_queries', params: { queries: 8 } });
    expect(gradeDnsCheck(check('plain', { nameFromEnv: 'PAYMENTS_HOST', maxQueries: 2 }), sim)).toMatchObject({ passed: true, feedbackId: 'dns.queries_ok', params: { queries: 2 } });
    expect(gradeDnsCheck(check('reopen', { nameFromEnv: 'PAYMENTS_HOST', maxQueries: 2 }), sim)).toMatchObject({ passed: false, feedbackId: 'dns.no_answer' });
  });

  it('the schema takes exactly one of name and nameFromEnv, and cost fields only with expect: resolves', () => {
    expect(DnsCheckSchema.safeParse({ id: 'c', title: 'C', kind: 'dns', from: { pod: 'p' }, expect: 'resolves' }).success).toBe(false);
    expect(DnsCheckSchema.safeParse({ id: 'c', title: 'C', kind: 'dns', from: { pod: 'p' }, name: 'a', nameFromEnv: 'A', expect: 'resolves' }).success).toBe(false);
    expect(DnsCheckSchema.safeParse({ id: 'c', title: 'C', kind: 'dns', from: { pod: 'p' }, name: 'a', expect: 'nxdomain', maxQueries: 2 }).success).toBe(false);
  });
});
