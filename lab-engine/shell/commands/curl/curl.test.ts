import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';
import { NGINX_WELCOME } from '../../../dataplane/apps/nginx-default-server';

async function cluster() {
  const sim = createSimulation({ seed: 1 });
  for (const l of [
    'kubectl create deployment web --image=nginx --replicas=2 --port=80',
    'kubectl expose deployment web --port=80 --type=NodePort',
    'kubectl create service clusterip empty --tcp=80:80',
    'kubectl run client --image=curlimages/curl -- sleep infinity',
    'kubectl run echo --image=registry.k8s.io/e2e-test-images/agnhost:2.53 -- netexec --http-port=8080',
    'kubectl expose pod echo --port=80 --target-port=8080',
  ]) {
    const r = await sim.exec(l);
    expect(r.exitCode, `${l}: ${r.combined}`).toBe(0);
  }
  settle(sim);
  return sim;
}

describe('curl', () => {
  it('reaches a Service by name from a pod (search list) and gets nginx\'s welcome page', async () => {
    const sim = await cluster();
    const r = await sim.exec('kubectl exec client -- curl -s web');
    expect(r).toMatchObject({ exitCode: 0, stdout: NGINX_WELCOME });
    expect(NGINX_WELCOME.length).toBe(615);
    const fqdn = await sim.exec('kubectl exec client -- curl -s -o /dev/null -w "%{http_code} %{remote_ip}\\n" web.default.svc.cluster.local');
    expect(fqdn.stdout).toBe(`200 ${sim.cluster.get('services', 'default', 'web')!.spec.clusterIP}\n`);
  });

  // curl writes -w after a failed transfer too, with what it never got: `curl -s -o /dev/null -w '%{http_code}' http://localhost:1`
  // prints 000 and exits 7 (curl.se/docs/manpage.html#-w: http_code is 000 when no response came); with -f it writes the error status.
  it('writes -w after a failure: 000 with no response, the status with --fail', async () => {
    const sim = await cluster();
    const refused = await sim.exec('kubectl exec client -- curl -s -o /dev/null -w "%{http_code} [%{remote_ip}]\\n" empty');
    expect(refused).toMatchObject({ exitCode: 7, stdout: '000 []\n' });
    const unknown = await sim.exec('kubectl exec client -- curl -s -w "%{http_code}" nope');
    expect(unknown).toMatchObject({ exitCode: 6, stdout: '000' });
    const notFound = await sim.exec('kubectl exec client -- curl -sf -o /dev/null -w "%{http_code}" web/missing');
    expect(notFound).toMatchObject({ exitCode: 22, stdout: '404' });
  });

  it('answers as curl 8 does when the name, the port or the route fails', async () => {
    const sim = await cluster();
    expect(await sim.exec('kubectl exec client -- curl nope')).toMatchObject({ exitCode: 6, stderr: 'curl: (6) Could not resolve host: nope\ncommand terminated with exit code 6\n' });
    const refused = await sim.exec('kubectl exec client -- curl -sS empty');
    expect(refused.exitCode).toBe(7);
    expect(refused.stderr).toMatch(/^curl: \(7\) Failed to connect to empty port 80 after \d+ ms: Connection refused\n/);
    // Nothing serves port 80 on the kubernetes Service: the SYN leaves by the default route and dies.
    const before = sim.now();
    const timeout = await sim.exec('kubectl exec client -- curl -m 3 http://10.96.0.1:80/');
    expect(timeout.stderr).toContain('curl: (28) Connection timed out after 3001 milliseconds\n');
    expect(sim.now() - before).toBeGreaterThanOrEqual(3000);
    expect((await sim.exec('kubectl exec client -- curl --bogus web')).stderr).toContain("curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
  });

  it('the workstation reaches a NodePort, not a ClusterIP name; -I prints nginx\'s headers', async () => {
    const sim = await cluster();
    const nodePort = sim.cluster.get('services', 'default', 'web')!.spec.ports![0].nodePort;
    const head = await sim.exec(`curl -sI 172.18.0.3:${nodePort}`);
    expect(head.exitCode).toBe(0);
    expect(head.stdout.split('\r\n').slice(0, 2)).toEqual(['HTTP/1.1 200 OK', 'Server: nginx/1.29.3']);
    expect(head.stdout).toContain('Content-Length: 615\r\n');
    expect((await sim.exec('curl web')).exitCode).toBe(6);
  });

  it('agnhost /clientip shows the source the pod saw: the client pod through a ClusterIP, a node address through a NodePort', async () => {
    const sim = await cluster();
    const client = sim.cluster.get('pods', 'default', 'client')!;
    const viaService = await sim.exec('kubectl exec client -- curl -s echo/clientip');
    expect(viaService.stdout).toMatch(new RegExp(`^${client.status.podIP!.replace(/\./g, '\\.')}:\\d+$`));
  });

  it('a default-deny egress policy breaks name resolution: curl waits for DNS, then gives up', async () => {
    const sim = await cluster();
    await sim.exec(`printf 'apiVersion: networking.k8s.io/v1\\nkind: NetworkPolicy\\nmetadata:\\n  name: deny-egress\\nspec:\\n  podSelector: {}\\n  policyTypes: [Egress]\\n' | kubectl apply -f -`);
    expect((await sim.exec('kubectl exec client -- curl -m 2 web')).stderr).toContain('curl: (28) Resolving timed out after 2000 milliseconds\n');
    expect((await sim.exec('kubectl exec client -- curl web')).stderr).toContain('curl: (6) Could not resolve host: web\n');
  });

  it('writes nginx\'s access log line, which kubectl logs will show', async () => {
    const sim = await cluster();
    await sim.exec('kubectl exec client -- curl -s web');
    const lines = sim.cluster.list('pods', 'default').filter((p) => p.metadata.labels?.app === 'web').flatMap((p) => sim.cluster.logLines('default', p.metadata.name, 'nginx'));
    expect(lines).toHaveLength(1);
    expect(lines[0].line).toMatch(/^10\.244\.\d+\.\d+ - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.17\.0" "-"$/);
  });
});
