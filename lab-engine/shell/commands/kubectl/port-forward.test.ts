// kubectl port-forward: a Service port becomes its pod's target port, the forward listens on the
// workstation's loopback while the job runs, and curl reaches the pod without kube-proxy or
// NetworkPolicy on the path; once the job is killed, localhost refuses again.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

async function cluster() {
  const sim = createSimulation({ seed: 9 });
  for (const l of ['kubectl create deployment web --image=nginx', 'kubectl expose deployment web --port 8080 --target-port 80']) expect((await sim.exec(l)).exitCode).toBe(0);
  settle(sim);
  return sim;
}

describe('kubectl port-forward', () => {
  it('forwards localhost to the pod behind the Service, through a NetworkPolicy that blocks everything else', async () => {
    const sim = await cluster();
    await sim.exec("kubectl apply -f - <<'EOF'\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\nEOF");
    const r = await sim.exec('kubectl port-forward svc/web 8080:8080 &\ncurl -s -o /dev/null -w "%{http_code}\\n" localhost:8080\nkill %1\nwait\ncurl -s localhost:8080; echo "curl $?"');
    expect(r.stdout).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\nHandling connection for 8080\n200\ncurl 7\n');
    const pod = sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'web')!;
    expect((await sim.exec(`kubectl logs ${pod.metadata.name} | tail -1`)).stdout).toMatch(/^127\.0\.0\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 615 /);
  });

  it('answers kubectl\'s errors for missing ports, a Service port that does not exist and a port already taken', async () => {
    const sim = await cluster();
    expect((await sim.exec('kubectl port-forward svc/web')).stderr).toBe("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n");
    expect((await sim.exec('kubectl port-forward svc/web 9000:81')).stderr).toBe('error: Service web does not have a service port 81\n');
    const taken = await sim.exec('kubectl port-forward svc/web 8080:8080 &\nkubectl port-forward deploy/web 8080:80');
    expect(taken.stderr).toContain('error: unable to listen on any of the requested ports: [{8080 80}]\n');
  });
});
