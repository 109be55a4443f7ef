// curl in a pod when the response cannot come back: across a 1400-byte interconnect whose ICMP
// "fragmentation needed" is filtered, a large answer hangs until -m ends it (golden lines in
// testdata/stalled-response.txt), while a small one arrives.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

const GOLDEN = readFileSync(join(__dirname, 'testdata', 'stalled-response.txt'), 'utf8').split('\n').filter((l) => l.startsWith('curl:'));

async function cluster() {
  const sim = createSimulation({ seed: 6, topology: { cni: 'calico', ipipMode: 'Never', proxyMode: 'iptables', interconnect: { nodes: ['node-2'], mtu: 1400, icmpFragNeeded: 'filtered' } } });
  for (const line of [
    `kubectl run catalog --image=docker.io/kennethreitz/httpbin:latest --port=80 --overrides='{"spec":{"nodeName":"node-2"}}'`,
    'kubectl expose pod catalog --port=80',
    `kubectl run client --image=nicolaka/netshoot --overrides='{"spec":{"nodeName":"node-1"}}' --command -- sleep infinity`,
  ]) {
    const r = await sim.exec(line);
    expect(r.exitCode, r.combined).toBe(0);
  }
  settle(sim);
  return sim;
}

describe('curl with a response that never comes back', () => {
  it('times out with -m, having received nothing; a small response arrives', async () => {
    const sim = await cluster();
    const large = await sim.exec('kubectl exec client -- curl -sS -m 5 http://catalog/bytes/20000');
    expect(large.exitCode).toBe(28);
    expect(large.stderr.split('\n')[0]).toBe(GOLDEN[0]);
    const small = await sim.exec('kubectl exec client -- curl -sS -m 5 -o /dev/null -w "%{size_download}" http://catalog/bytes/512');
    expect(small.exitCode).toBe(0);
    expect(small.stdout).toBe('512');
  });

  it('without -m it waits for the kernel to give up on the retransmissions', async () => {
    const sim = await cluster();
    const r = await sim.exec('kubectl exec client -- curl -sS http://catalog/bytes/20000');
    expect(r.exitCode).toBe(56);
    expect(r.stderr.split('\n')[0]).toBe(GOLDEN[1]);
  });
});
