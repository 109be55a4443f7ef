// BusyBox wget's messages, as busybox 1.36/1.37 prints them (networking/wget.c: "Connecting to %s
// (%s)", "saving to '%s'", "bad address '%s'", "can't connect to remote host (%s): %s",
// "download timed out", "server returned error: %s", "remote file exists").

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';
import { NGINX_WELCOME } from '../../../dataplane/apps/nginx-default-server';

async function cluster() {
  const sim = createSimulation({ seed: 1 });
  for (const l of ['kubectl create deployment web --image=nginx --replicas=2 --port=80', 'kubectl expose deployment web --port=80', 'kubectl create service clusterip empty --tcp=80:80', 'kubectl run bb --image=busybox -- sleep infinity']) {
    expect((await sim.exec(l)).exitCode).toBe(0);
  }
  settle(sim);
  return sim;
}

describe('BusyBox wget', () => {
  it('-qO- prints the page; without -q it says where it connects and writes to stdout', async () => {
    const sim = await cluster();
    expect(await sim.exec('kubectl exec bb -- wget -qO- web')).toMatchObject({ exitCode: 0, stdout: NGINX_WELCOME, stderr: '' });
    const ip = sim.cluster.get('services', 'default', 'web')!.spec.clusterIP;
    const loud = await sim.exec('kubectl exec bb -- wget -O- http://web');
    expect(loud.stderr).toBe(`Connecting to web (${ip}:80)\nwriting to stdout\n-                    100% |********************************|   615  0:00:00 ETA\nwritten to stdout\n`);
  });

  it('--spider, refusals, bad names and 404s, with exit status 1 for every failure', async () => {
    const sim = await cluster();
    expect((await sim.exec('kubectl exec bb -- wget --spider web')).stderr).toMatch(/^Connecting to web \([\d.]+:80\)\nremote file exists\n$/);
    const refused = await sim.exec('kubectl exec bb -- wget -q empty');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/^wget: can't connect to remote host \([\d.]+\): Connection refused\n/);
    expect((await sim.exec('kubectl exec bb -- wget -q nope')).stderr).toBe("wget: bad address 'nope'\ncommand terminated with exit code 1\n");
    expect((await sim.exec('kubectl exec bb -- wget -qO- web/missing')).stderr).toBe('wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n');
  });

  it('-T gives up on a dropped connection: the NetworkPolicy test the Kubernetes docs use', async () => {
    const sim = await cluster();
    await sim.exec(`printf 'apiVersion: networking.k8s.io/v1\\nkind: NetworkPolicy\\nmetadata:\\n  name: web-deny\\nspec:\\n  podSelector:\\n    matchLabels:\\n      app: web\\n  policyTypes: [Ingress]\\n' | kubectl apply -f -`);
    const before = sim.now();
    const r = await sim.exec('kubectl exec bb -- wget -q -T 2 -O- web');
    expect(r.stderr).toBe('wget: download timed out\ncommand terminated with exit code 1\n');
    expect(sim.now() - before).toBeGreaterThanOrEqual(2000);
  });

  it('saves to a file named after the URL, and will not overwrite one', async () => {
    const sim = await cluster();
    const r = await sim.exec('kubectl exec bb -- wget web');
    expect(r.stderr).toContain("saving to 'index.html'\n");
    expect(r.stderr).toContain("'index.html' saved\n");
    expect((await sim.exec('kubectl exec bb -- wget web')).stderr).toContain("wget: can't open 'index.html': File exists\n");
  });
});
