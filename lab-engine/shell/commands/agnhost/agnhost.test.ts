// agnhost connect as the NetworkPolicy e2e suite runs it (`/agnhost connect <host:port>
// --timeout=1s --protocol=tcp`): exit 0 when the connection opens, else exit 1 with the prefixes
// of kubernetes test/images/agnhost/connect/connect.go on stderr: UNKNOWN (SplitHostPort),
// DNS (ResolveTCPAddr: Go's "lookup <name> on <server>:53: no such host"), TIMEOUT, REFUSED.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

const DENY = `kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
EOF`;

describe('agnhost connect', () => {
  it('answers with the exit codes and stderr prefixes the e2e suite checks', async () => {
    const sim = createSimulation({ seed: 1 });
    for (const l of ['kubectl create deploy web --image=nginx', 'kubectl expose deploy web --port 80', 'kubectl run a --image=registry.k8s.io/e2e-test-images/agnhost:2.53 -- netexec --http-port=8080']) expect((await sim.exec(l)).exitCode).toBe(0);
    settle(sim);
    const run = (args: string) => sim.exec(`kubectl exec a -- /agnhost connect ${args}`);
    expect(await run('web:80 --timeout=1s --protocol=tcp')).toMatchObject({ exitCode: 0, stderr: '' });
    expect((await run('nope:80 --timeout=1s --protocol=tcp')).stderr).toBe('DNS: lookup nope on 10.96.0.10:53: no such host\ncommand terminated with exit code 1\n');
    expect((await run('web --timeout=1s')).stderr).toBe('UNKNOWN: address web: missing port in address\ncommand terminated with exit code 1\n');
    const podIp = sim.cluster.list('pods', 'default').find((p) => p.metadata.name.startsWith('web-'))?.status.podIP;
    expect((await run(`${podIp}:81 --timeout=1s --protocol=tcp`)).stderr).toBe('REFUSED\ncommand terminated with exit code 1\n');
    expect((await sim.exec(DENY)).exitCode).toBe(0);
    expect((await run('web:80 --timeout=1s --protocol=tcp')).stderr).toBe('TIMEOUT\ncommand terminated with exit code 1\n');
  });
});
