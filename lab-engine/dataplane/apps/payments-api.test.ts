// The payment API outside the cluster: reached from a pod through its node's masquerade, it
// redirects plain HTTP to HTTPS; a port it does not serve resets the connection.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';

describe('the payment API', () => {
  it('answers plain HTTP with a redirect to HTTPS and refuses other ports', async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.exec('kubectl run c --image=curlimages/curl:8.17.0 -- sleep 1d')).exitCode).toBe(0);
    settle(sim);
    const r = await sim.exec('kubectl exec c -- curl -si http://api.payments.example/v1/charges');
    expect(r.stdout).toMatch(/^HTTP\/1\.1 301 Moved Permanently\r?\n/);
    expect(r.stdout).toContain('Location: https://api.payments.example/v1/charges');
    const refused = await sim.exec('kubectl exec c -- curl -sS http://api.payments.example:8080/');
    expect(refused.stderr).toContain('curl: (7) Failed to connect to api.payments.example port 8080');
  });
});
