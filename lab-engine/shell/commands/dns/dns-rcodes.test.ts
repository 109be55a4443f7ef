// What the DNS clients print when CoreDNS passes on a refusal (a forward to a server that serves
// only its own zone) or fails (no plugin answers the name): bind's host prints the rcode's number
// and name (`Host x not found: 5(REFUSED)`, `2(SERVFAIL)`), both nslookups `** server can't find
// x: REFUSED`, dig the status in its header. Neither ends in a search for the next name.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

const corefile = (forward: string) =>
  `kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns\n  namespace: kube-system\ndata:\n  Corefile: |\n    .:53 {\n        kubernetes cluster.local in-addr.arpa ip6.arpa\n        ${forward}\n    }\nEOF`;

async function cluster(forward: string) {
  const sim = createSimulation({ seed: 8 });
  for (const l of [corefile(forward), 'kubectl run c --image=nicolaka/netshoot --command -- sleep infinity', 'kubectl run bb --image=busybox --command -- sleep infinity']) expect((await sim.exec(l)).exitCode, l).toBe(0);
  settle(sim);
  return sim;
}

describe('DNS clients on REFUSED and SERVFAIL', () => {
  it('a forward to the corporate server refuses outside names', async () => {
    const sim = await cluster('forward . 10.50.0.10');
    expect(await sim.exec('kubectl exec c -- host example.com')).toMatchObject({ exitCode: 1, stdout: 'Host example.com not found: 5(REFUSED)\n' });
    expect((await sim.exec('kubectl exec c -- nslookup example.com')).stdout).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find example.com: REFUSED\n\n");
    expect((await sim.exec('kubectl exec bb -- nslookup example.com')).stdout).toContain("** server can't find example.com: REFUSED");
    expect((await sim.exec('kubectl exec c -- dig example.com')).stdout).toContain('status: REFUSED');
    expect((await sim.exec('kubectl exec c -- dig +short git.corp.example')).stdout).toBe('10.50.1.21\n');
  });

  it('a forward for one zone only leaves the rest to no plugin: SERVFAIL', async () => {
    const sim = await cluster('forward corp.example 10.50.0.10');
    expect(await sim.exec('kubectl exec c -- host example.com')).toMatchObject({ exitCode: 1, stdout: 'Host example.com not found: 2(SERVFAIL)\n' });
    expect((await sim.exec('kubectl exec c -- dig example.com')).stdout).toContain('status: SERVFAIL');
  });
});
