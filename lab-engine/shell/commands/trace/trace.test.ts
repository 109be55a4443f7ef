// `trace` is Flatnet's own tool, so its goldens pin Flatnet's format (regenerate deliberately with
// UPDATE_GOLDEN=1); the facts inside them (iptables -S lines, ip route lines) are the ones the
// kube-proxy and CNI goldens already tie to upstream.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';
import { hopSummary } from '../../../dataplane/packet/render-hop';
import type { PacketTrace } from '../../../dataplane/packet/packet-trace';
import type { ShownWalk } from '../../contexts/location';

const DIR = join(import.meta.dirname, 'testdata');

async function cluster(cni: 'calico' | 'flannel' | 'kubenet' = 'calico') {
  const sim = createSimulation({ seed: 1, topology: { cni } });
  for (const l of ['kubectl create deployment web --image=nginx --replicas=2 --port=80', 'kubectl expose deployment web --port=8080 --target-port=80', 'kubectl run client --image=busybox -- sleep 3600']) {
    expect((await sim.exec(l)).exitCode).toBe(0);
  }
  settle(sim);
  return sim;
}

function golden(name: string, text: string) {
  const file = join(DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('trace', () => {
  it('pod → Service on calico, with every reason', async () => {
    const r = await (await cluster()).exec('trace pod/client svc/web');
    expect(r.exitCode).toBe(0);
    golden('pod-to-service-calico.txt', r.stdout);
  });

  it('pod → remote pod on flannel, brief', async () => {
    const sim = await cluster('flannel');
    const remote = sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'web' && p.spec.nodeName !== sim.cluster.get('pods', 'default', 'client')!.spec.nodeName)!;
    const r = await sim.exec(`trace --brief client pod/${remote.metadata.name}:80`);
    golden('pod-to-remote-pod-flannel.txt', r.stdout);
  });

  it('pod → remote pod on kubenet, through the VPC router and its cloud route', async () => {
    const sim = await cluster('kubenet');
    const remote = sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'web' && p.spec.nodeName !== sim.cluster.get('pods', 'default', 'client')!.spec.nodeName)!;
    const r = await sim.exec(`trace client pod/${remote.metadata.name}:80`);
    expect(r.exitCode).toBe(0);
    golden('pod-to-remote-pod-kubenet.txt', r.stdout);
  });

  it('exits 1 and says how the client experiences a refusal', async () => {
    const sim = await cluster();
    const r = await sim.exec('trace client svc/web:8080 --brief');
    expect(r.exitCode).toBe(0);
    const refused = await sim.exec(`trace client pod/client:9999`);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout.trim().split('\n').at(-1)).toBe('verdict: REFUSED: nothing listens there (the client sees "Connection refused")');
  });

  it('refuses what it cannot resolve, with usage for bad syntax', async () => {
    const sim = await cluster();
    expect((await sim.exec('trace client svc/nope:80')).stderr).toBe('trace: service "nope" not found in namespace default\n');
    expect((await sim.exec('trace client')).exitCode).toBe(2);
    expect((await sim.exec('trace client pod/client')).stderr).toContain('needs a port for tcp');
    expect((await sim.exec('trace --bogus client svc/web')).stderr).toMatch(/^trace: unrecognized option '--bogus'/);
  });

  it('-o json prints the same walk as typed hops: one per text line, each rendering to that line', async () => {
    const text = await (await cluster()).exec('trace --brief pod/client svc/web');
    const json = await (await cluster()).exec('trace -o json pod/client svc/web');
    expect(json.exitCode).toBe(text.exitCode);
    const trace = JSON.parse(json.stdout) as PacketTrace & { source: string; destination: string };
    expect(trace).toMatchObject({ source: expect.stringMatching(/^pod default\/client \(10\.244\./), destination: expect.stringMatching(/^svc default\/web \(10\.\d+\.\d+\.\d+:8080\)$/), probe: { protocol: 'tcp', dport: 8080 }, outcome: { kind: 'delivered' }, replied: true });
    const lines = text.stdout.trim().split('\n').slice(1, -1);
    expect(lines).toHaveLength(trace.hops.length);
    trace.hops.forEach((hop, i) => expect(lines[i]).toMatch(new RegExp(`^\\s*${i + 1}  ${hop.netns}\\s+${escape(hopSummary(hop))}$`)));
    expect(trace.decidedAt).toBe(trace.hops.length - 1);
    expect(trace.hops.find((h) => h.kind === 'netfilter')).toMatchObject({ verdict: 'DNAT', service: { namespace: 'default', name: 'web', port: 8080 } });
  });

  it('-o json for a dropped packet ends at the deciding hop and exits 1; other formats are refused; --help documents it', async () => {
    const sim = await cluster();
    const dropped = await sim.exec('trace --output=json internet node-1:22');
    expect(dropped.exitCode).toBe(1);
    expect(JSON.parse(dropped.stdout)).toMatchObject({ outcome: { kind: 'dropped', cause: { kind: 'drop', drop: 'private-node-address', netns: 'external/internet' } }, decidedAt: 0 });
    const yaml = await sim.exec('trace -o yaml client svc/web');
    expect(yaml).toMatchObject({ exitCode: 2, stderr: 'trace: unknown output format "yaml" (only json)\n' });
    expect((await sim.exec('trace --help')).stdout).toContain('-o, --output json');
  });

  it('hands every walk it prints to the session, for the page to draw, with the ends as the learner named them', async () => {
    const walks: ShownWalk[] = [];
    const sim = createSimulation({ seed: 1, topology: { cni: 'calico' } }, { onWalk: (walk) => walks.push(walk) });
    for (const l of ['kubectl create deployment web --image=nginx --port=80', 'kubectl expose deployment web --port=8080 --target-port=80', 'kubectl run client --image=busybox -- sleep 3600']) await sim.exec(l);
    settle(sim);
    const printed = await sim.exec('trace -o json pod/client svc/web');
    expect(walks).toHaveLength(1);
    const { source, destination, ...trace } = JSON.parse(printed.stdout);
    expect(walks[0]).toEqual({ source, destination, trace });
    expect(walks[0].trace.outcome.kind).toBe('delivered');
    await sim.exec('trace client 10.96.99.99:80 | head -1');
    expect(walks).toHaveLength(2);
    expect(walks[1].trace.outcome.kind).not.toBe('delivered');
    // A refused command sends no packet, so there is nothing to draw.
    await sim.exec('trace client svc/nope');
    expect(walks).toHaveLength(2);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
