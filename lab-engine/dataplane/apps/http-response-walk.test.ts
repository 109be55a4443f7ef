// A response walked back to a pod client (http-response-walk.ts) belongs to a connection that was
// let through: NetworkPolicies are stateful, so a server whose egress is default-denied still
// answers the clients its ingress admits (the Kubernetes NetworkPolicy docs: "traffic is allowed
// ... reply traffic for allowed connections is implicitly allowed"). Only the path can lose it.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';

const DENY_EGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-egress
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Egress]
`;

describe('a response walked back to a pod client', () => {
  it('arrives from a server whose egress is denied: the reply of an admitted connection', async () => {
    const sim = createSimulation({ seed: 3, topology: { cni: 'calico', proxyMode: 'iptables' }, files: { '/lab/deny.yaml': DENY_EGRESS } });
    for (const line of ['kubectl create deployment web --image=nginx', 'kubectl expose deployment web --port 80', 'kubectl run client --image=nicolaka/netshoot -- sleep 3600', 'kubectl apply -f /lab/deny.yaml']) {
      expect((await sim.exec(line)).exitCode, line).toBe(0);
    }
    settle(sim);
    const r = await sim.exec('kubectl exec client -- curl -s -m 3 -o /dev/null -w "%{http_code}" http://web');
    expect(r.stdout).toBe('200');
    // The same policy still stops what the server itself starts.
    const out = await sim.exec('kubectl exec deploy/web -- curl -s -m 2 -o /dev/null -w "%{http_code}" http://web');
    expect(out.stdout).toBe('000');
  });
});
