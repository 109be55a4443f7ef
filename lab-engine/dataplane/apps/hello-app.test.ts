// GKE's hello-app sample (GoogleCloudPlatform/kubernetes-engine-samples hello-app/main.go):
// listens on $PORT or 8080 and answers every path with "Hello, world!", its version and
// os.Hostname(), with Go net/http's headers.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';

describe('hello-app', () => {
  it('answers with its version and the pod hostname on 8080, through a Service', async () => {
    const sim = createSimulation({ seed: 1 });
    for (const line of ['kubectl create deployment hello --image=us-docker.pkg.dev/google-samples/containers/gke/hello-app:2.0', 'kubectl expose deployment hello --port=80 --target-port=8080', 'kubectl run c --image=curlimages/curl -- sleep 1d']) {
      expect((await sim.exec(line)).exitCode).toBe(0);
    }
    settle(sim);
    const pod = sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'hello')!;
    const r = await sim.exec('kubectl exec c -- curl -si hello/any/path');
    expect(r.stdout).toMatch(/^HTTP\/1\.1 200 OK\r?\nDate: .+\r?\nContent-Length: 62\r?\nContent-Type: text\/plain; charset=utf-8\r?\n/);
    expect(r.stdout.endsWith(`Hello, world!\nVersion: 2.0.0\nHostname: ${pod.metadata.name}\n`)).toBe(true);
    expect((await sim.exec(`kubectl exec c -- curl -s --max-time 2 ${pod.status.podIP}:80`)).exitCode).toBe(7);
  });

  it('gcr.io/google-samples/hello-app:1.0 says version 1.0.0', async () => {
    const sim = createSimulation({ seed: 1 });
    for (const line of ['kubectl run hello --image=gcr.io/google-samples/hello-app:1.0 --port=8080', 'kubectl run c --image=curlimages/curl -- sleep 1d']) expect((await sim.exec(line)).exitCode).toBe(0);
    settle(sim);
    const ip = sim.cluster.get('pods', 'default', 'hello')!.status.podIP;
    expect((await sim.exec(`kubectl exec c -- curl -s ${ip}:8080`)).stdout).toBe('Hello, world!\nVersion: 1.0.0\nHostname: hello\n');
  });
});

describe('an image Flatnet does not know', () => {
  it('listens on its declared containerPorts and answers with a page naming the pod (issue #4 point 8)', async () => {
    const sim = createSimulation({ seed: 1 });
    for (const line of ['kubectl run app --image=ghcr.io/acme/shop:1.2.3 --port=8080', 'kubectl run c --image=curlimages/curl -- sleep 1d']) expect((await sim.exec(line)).exitCode).toBe(0);
    settle(sim);
    const ip = sim.cluster.get('pods', 'default', 'app')!.status.podIP;
    expect((await sim.exec(`kubectl exec c -- curl -s ${ip}:8080`)).stdout).toContain('Served by pod default/app');
    expect((await sim.exec(`kubectl exec c -- curl -s --max-time 2 ${ip}:80`)).exitCode).toBe(7);
  });
});
