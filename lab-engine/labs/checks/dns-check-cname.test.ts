// A `dns` check with `cname`: the answer must go through that alias (an ExternalName's target),
// so a selectorless ClusterIP Service with the database's address typed into an EndpointSlice
// resolves to the right place but fails, and an ExternalName to the managed endpoint passes.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { DnsCheckSchema } from '../schema';
import { gradeDnsCheck } from './dns-check';

const ENDPOINT = 'orders-prod.cluster-c9akciq32.db.example.net';
const check = DnsCheckSchema.parse({ id: 'c', title: 'C', kind: 'dns', from: { pod: 'client' }, name: 'orders-db', expect: 'resolves', address: { ip: '203.0.113.40' }, cname: ENDPOINT });

describe('dns checks with a cname', () => {
  it('pass for an ExternalName to the endpoint, with the chain seen by the pod', async () => {
    const sim = createSimulation({ seed: 6 });
    for (const l of ['kubectl run client --image=nicolaka/netshoot --command -- sleep infinity', `kubectl create service externalname orders-db --external-name ${ENDPOINT}`]) expect((await sim.exec(l)).exitCode).toBe(0);
    settle(sim);
    expect(gradeDnsCheck(check, sim)).toMatchObject({ passed: true, feedbackId: 'dns.resolved_ok', params: { addresses: '203.0.113.40' } });
  });

  it('fail for the right address without the alias (a Service with a hand-made EndpointSlice) and for an ExternalName to another name', async () => {
    const sim = createSimulation({ seed: 6 });
    for (const l of ['kubectl run client --image=nicolaka/netshoot --command -- sleep infinity', 'kubectl create service externalname orders-db --external-name orders-prod-instance-1.c9akciq32.db.example.net']) expect((await sim.exec(l)).exitCode).toBe(0);
    settle(sim);
    const viaInstance = gradeDnsCheck(check, sim);
    expect(viaInstance).toMatchObject({ passed: false, feedbackId: 'dns.no_cname', params: { chain: 'orders-prod-instance-1.c9akciq32.db.example.net', cname: ENDPOINT } });
    expect(DnsCheckSchema.safeParse({ id: 'c', title: 'C', kind: 'dns', from: { pod: 'x' }, name: 'a', expect: 'nxdomain', cname: ENDPOINT }).success).toBe(false);
  });
});
