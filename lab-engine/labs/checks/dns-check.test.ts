// `dns` checks resolve from inside a pod with its own resolver: the search list decides which
// names exist from where, and an egress policy that drops port 53 turns an answer into silence.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { DnsCheckSchema } from '../schema';
import { gradeDnsCheck } from './dns-check';

async function cluster() {
  const sim = createSimulation({ seed: 3 });
  for (const l of ['kubectl create namespace shop', 'kubectl -n shop create deployment web --image=nginx', 'kubectl -n shop expose deployment web --port 80', 'kubectl run client --image=busybox --command -- sleep infinity']) {
    expect((await sim.exec(l)).exitCode).toBe(0);
  }
  settle(sim);
  return sim;
}

const check = (fields: Record<string, unknown>) => DnsCheckSchema.parse({ id: 'c', title: 'C', kind: 'dns', from: { pod: 'client' }, ...fields });

describe('dns checks', () => {
  it('a short name only resolves in its own namespace; name.namespace resolves to the Service', async () => {
    const sim = await cluster();
    const short = gradeDnsCheck(check({ name: 'web', expect: 'resolves' }), sim);
    expect(short).toMatchObject({ passed: false, feedbackId: 'dns.not_found' });
    expect(short.params).toMatchObject({ tried: 'web.default.svc.cluster.local, web.svc.cluster.local, web.cluster.local, web' });
    const ok = gradeDnsCheck(check({ name: 'web.shop', expect: 'resolves', address: { namespace: 'shop', service: 'web' } }), sim);
    expect(ok).toMatchObject({ passed: true, feedbackId: 'dns.resolved_ok', params: { fqdn: 'web.shop.svc.cluster.local' } });
    expect(gradeDnsCheck(check({ name: 'web', expect: 'nxdomain' }), sim)).toMatchObject({ passed: true, feedbackId: 'dns.nxdomain_ok' });
    expect(gradeDnsCheck(check({ name: 'kubernetes.default', expect: 'resolves', address: { namespace: 'shop', service: 'web' } }), sim)).toMatchObject({ passed: false, feedbackId: 'dns.wrong_address' });
  });

  it('an egress policy that drops DNS makes the lookup go unanswered, with the policy as the reason', async () => {
    const sim = await cluster();
    await sim.exec("kubectl apply -f - <<'EOF'\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\nEOF");
    const r = gradeDnsCheck(check({ name: 'web.shop', expect: 'resolves' }), sim);
    expect(r).toMatchObject({ passed: false, feedbackId: 'dns.no_answer' });
    expect(r.reason).toContain('default/deny');
    expect(gradeDnsCheck(check({ name: 'web.shop', expect: 'no-answer' }), sim)).toMatchObject({ passed: true, feedbackId: 'dns.no_answer_ok' });
  });

  it('rejects an address with any expectation but resolves', () => {
    expect(DnsCheckSchema.safeParse({ id: 'c', title: 'C', kind: 'dns', from: { pod: 'x' }, name: 'web', expect: 'nxdomain', address: { ip: '10.0.0.1' } }).success).toBe(false);
  });
});
