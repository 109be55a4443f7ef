import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../simulation/simulation';

const FORWARDER = `apiVersion: v1
kind: Pod
metadata: { name: fwd, namespace: default, labels: { app: fwd } }
spec:
  nodeName: node-2
  containers:
    - name: forwarder
      image: busybox:1.36
      command: [sh, -c, 'while true; do echo "x" | nc -w1 sink 5140; sleep 0.01; done']
`;
const SINK = `apiVersion: v1
kind: Pod
metadata: { name: sink, labels: { app: sink } }
spec:
  nodeName: node-1
  containers:
    - name: sink
      image: registry.k8s.io/e2e-test-images/agnhost:2.53
      args: [netexec, --http-port=5140]
---
apiVersion: v1
kind: Service
metadata: { name: sink }
spec:
  selector: { app: sink }
  ports: [{ port: 5140 }]
`;

describe('connection floods', () => {
  it('debug', async () => {
    const sim = createSimulation({ seed: 1 });
    const apply = (y: string) => sim.exec(`kubectl apply -f - <<'EOF'\n${y}EOF`);
    expect((await apply(SINK)).exitCode).toBe(0);
    await sim.exec('sleep 20');
    expect((await apply(FORWARDER)).exitCode).toBe(0);
    await sim.exec(`ssh node-2 'printf "# x\\nnet.netfilter.nf_conntrack_max = 2000\\n" > /etc/sysctl.d/90-conntrack.conf && sysctl --system'`);
    for (let i = 0; i < 8; i++) console.log((await sim.exec('sleep 15; date; ssh node-2 conntrack -C')).stdout);
    const r = await sim.exec('sleep 30; ssh node-2 cat /etc/sysctl.d/90-conntrack.conf; ssh node-2 sysctl net.netfilter.nf_conntrack_max; ssh node-2 conntrack -C; ssh node-2 dmesg | head -3; ssh node-2 conntrack -S; trace fwd sink 5140 | tail -5');
    console.log(r.stdout, r.stderr);
  });
});
