// kubectl logs: an image's start-up output, then what the program wrote per request (nginx's
// error and access logs), with kubectl's own messages for a workload, a waiting container and a
// missing previous instance.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

async function cluster() {
  const sim = createSimulation({ seed: 1 });
  for (const l of ['kubectl create deployment web --image=nginx', 'kubectl run client --image=nicolaka/netshoot --command -- sleep infinity', 'kubectl expose deployment web --port 80']) {
    expect((await sim.exec(l)).exitCode).toBe(0);
  }
  settle(sim);
  return sim;
}

describe('kubectl logs', () => {
  it('prints nginx\'s start-up, then an access log line per request with the client\'s address', async () => {
    const sim = await cluster();
    const client = sim.cluster.get('pods', 'default', 'client')!;
    await sim.exec('kubectl exec client -- curl -s -o /dev/null web/missing');
    const r = await sim.exec('kubectl logs deploy/web');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(lines).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(lines.at(-2)).toMatch(new RegExp(`^\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\[error\\] 29#29: \\*1 open\\(\\) "/usr/share/nginx/html/missing" failed \\(2: No such file or directory\\), client: ${client.status.podIP!.replace(/\./g, '\\.')}, server: localhost, request: "GET /missing HTTP/1.1", host: "web"$`));
    expect(lines.at(-1)).toMatch(new RegExp(`^${client.status.podIP!.replace(/\./g, '\\.')} - - \\[05/Jan/2026:09:0\\d:\\d\\d \\+0000\\] "GET /missing HTTP/1.1" 404 153 "-" "curl/8\\.14\\.1" "-"$`));
    const tail = await sim.exec('kubectl logs deploy/web --tail=1 --prefix');
    expect(tail.stdout).toMatch(/^\[pod\/web-[a-z0-9]+-[a-z0-9]{5}\/nginx\] [\d.]+ - - \[/);
  });

  it('answers like the API server for a missing pod, a waiting container and no previous instance', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl run web --image=nginx');
    const waiting = await sim.exec('kubectl logs web');
    expect(waiting.stderr).toBe('Error from server (BadRequest): container "web" in pod "web" is waiting to start: ContainerCreating\n');
    settle(sim);
    expect((await sim.exec('kubectl logs nope')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect((await sim.exec('kubectl logs web -p')).stderr).toBe('Error from server (BadRequest): previous terminated container "web" in pod "web" not found\n');
    expect((await sim.exec('kubectl logs web -c other')).stderr).toBe('error: container other is not valid for pod web\n');
    expect((await sim.exec('kubectl logs')).stderr).toContain('POD or TYPE/NAME is a required argument for the logs command');
  });

  it('CoreDNS prints its banner with the version the cluster runs', async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.exec('kubectl -n kube-system logs deploy/coredns');
    expect(r.stderr).toMatch(/^Found 2 pods, using pod\/coredns-/);
    expect(r.stdout).toBe('.:53\n[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b\nCoreDNS-1.12.1\nlinux/amd64, go1.24.1, 707c7c1\n');
  });
});
