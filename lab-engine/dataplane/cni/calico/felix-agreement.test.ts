// Felix's chains and the policy engine must agree: for every pair of pods and a few ports, the
// rules the packet meets on the node (cali-fw-/cali-tw-, cali-pi-/cali-po-) accept exactly when the
// NetworkPolicy verdict allows. Shapes covered: podSelector and namespaceSelector peers, a port
// range (endPort), ipBlock with except, an egress-only policy. Sources as in felix.test.ts
// (projectcalico/calico v3.30.3 felix/rules/policy.go, endpoints.go; libcalico-go k8s conversion).

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

async function run(sim: ReturnType<typeof createSimulation>, line: string) {
  const r = await sim.exec(line, { history: false });
  if (r.exitCode !== 0) throw new Error(`${line}: ${r.combined}`);
}

describe('Felix chains agree with the NetworkPolicy verdict', () => {
  it('for every pod pair and port, the cali rules accept exactly what the policy allows', async () => {
    const sim = createSimulation({ seed: 7, topology: { cni: 'calico' } });
    for (const line of ['kubectl create ns x', 'kubectl create ns y', 'kubectl label ns y team=y', 'kubectl run a -n x --image=nginx --labels=app=a', 'kubectl run b -n x --image=nginx --labels=app=b', 'kubectl run c -n y --image=nginx --labels=app=c']) await run(sim, line);
    settle(sim);
    const ip = (ns: string, name: string) => sim.cluster.get('pods', ns, name)!.status.podIP!;
    const policies = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ingress-a, namespace: x}
spec:
  podSelector: {matchLabels: {app: a}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: b}}}]
    ports: [{port: 80}]
  - from: [{namespaceSelector: {matchLabels: {team: y}}}]
    ports: [{port: 8000, endPort: 8100}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress-c, namespace: y}
spec:
  podSelector: {matchLabels: {app: c}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 10.244.0.0/16, except: ["${ip('x', 'b')}/32"]}}]
`;
    await run(sim, `cat <<'EOF' | kubectl apply -f -\n${policies}EOF`);
    const pods = [['x', 'a'], ['x', 'b'], ['y', 'c']] as const;
    let judged = 0;
    for (const [sns, sname] of pods) {
      for (const [dns, dname] of pods) {
        if (sns === dns && sname === dname) continue;
        for (const port of [80, 8050, 9000]) {
          const r = sim.network.checkProbe({ from: { kind: 'pod', namespace: sns, name: sname }, dst: ip(dns, dname), protocol: 'tcp', dport: port });
          for (const hop of r.hops) {
            if (hop.kind !== 'policy' || !hop.enforced) continue;
            judged++;
            const last = hop.agentRules?.at(-1)?.spec ?? '';
            const felixAccepts = / -j RETURN$/.test(last) && last.includes('Return if policy accepted');
            expect(felixAccepts, `${sns}/${sname} → ${dns}/${dname}:${port} ${hop.direction}: ${last}`).toBe(hop.verdict.allowed);
          }
        }
      }
    }
    expect(judged).toBeGreaterThan(10);
  });
});
