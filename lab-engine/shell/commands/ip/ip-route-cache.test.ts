// `ip route get` with the netns's learned path MTU (ip-route-cache.ts): the golden node session in
// testdata/route-get-pmtu.golden, the expiry counting down with the simulation's clock until the
// exception is gone, `ip route flush cache` per netns (and refused by a container's read-only
// /proc/sys), a pod that learned from a response's segments, and the locked min_pmtu metric.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';
import { buildDataplane, dataplaneOptionsFor } from '../../../dataplane/cni/build-dataplane';
import { PMTU_EXPIRES_S, PmtuCache } from '../../../dataplane/packet/pmtu-cache';
import type { TopologyOptions } from '../../../core/topology';
import { busyboxIp, ip } from './ip';
import { fixedSession, runIn } from './ip-test-kit';

const TOPOLOGY: TopologyOptions = { cni: 'calico', ipipMode: 'Never', proxyMode: 'iptables', interconnect: { nodes: ['node-2'], mtu: 1400, icmpFragNeeded: 'delivered' } };
const NODE_2 = '172.18.0.4';
const BARE = `${NODE_2} dev eth0 src 172.18.0.3 uid 0 \n    cache \n`;

function cluster() {
  const sim = createSimulation({ seed: 3, topology: TOPOLOGY });
  settle(sim);
  return sim;
}

/** The golden file's commands and, for each, the stdout it must print. */
function goldenSession(): { command: string; stdout: string }[] {
  const text = readFileSync(join(import.meta.dirname, 'testdata', 'route-get-pmtu.golden'), 'utf8');
  const steps: { command: string; stdout: string }[] = [];
  for (const line of text.split('\n').filter((l) => !l.startsWith('#'))) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), stdout: '' });
    else if (steps.length && line !== '') steps.at(-1)!.stdout += `${line}\n`;
    else if (steps.length) steps.at(-1)!.stdout += '\n';
  }
  // The file ends with a newline: the last step's blank tail is not output.
  const last = steps.at(-1);
  if (last) last.stdout = last.stdout.replace(/\n+$/, '\n');
  return steps;
}

describe('ip route get with a learned path MTU', () => {
  it('prints the golden node session: bare cache line, the exception after frag-needed, gone after a flush', async () => {
    const sim = cluster();
    for (const step of goldenSession()) {
      const r = await sim.exec(step.command);
      expect(r.stdout, step.command).toBe(step.stdout);
    }
  });

  it('counts the expiry down with the simulation clock and drops the exception after mtu_expires', async () => {
    const sim = cluster();
    await sim.exec(`ssh node-1 ping -c 1 -M do -s 1472 ${NODE_2}`);
    await sim.exec('sleep 100');
    expect((await sim.exec(`ssh node-1 ip route get ${NODE_2}`)).stdout).toBe(`${NODE_2} dev eth0 src 172.18.0.3 uid 0 \n    cache expires ${PMTU_EXPIRES_S - 100}sec mtu 1400 \n`);
    await sim.exec(`sleep ${PMTU_EXPIRES_S - 100}`);
    expect((await sim.exec(`ssh node-1 ip route get ${NODE_2}`)).stdout).toBe(BARE);
  });

  it('a later DF ping fails in the sender itself at the learned MTU, and fits below it', async () => {
    const sim = cluster();
    await sim.exec(`ssh node-1 ping -c 1 -M do -s 1472 ${NODE_2}`);
    const again = await sim.exec(`ssh node-1 ping -c 1 -M do -s 1472 ${NODE_2}`);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toBe('ping: local error: message too long, mtu=1400\n');
    const fits = await sim.exec(`ssh node-1 ping -c 1 -M do -s 1372 ${NODE_2}`);
    expect(fits.exitCode, fits.combined).toBe(0);
  });

  it('only the netns that heard the ICMP learns; a flush in one netns leaves the others', async () => {
    const sim = cluster();
    await sim.exec(`kubectl run probe --image=nicolaka/netshoot --overrides='{"spec":{"nodeName":"node-1"}}' -- sleep 3600`);
    settle(sim);
    await sim.exec(`ssh node-1 ping -c 1 -M do -s 1472 ${NODE_2}`);
    await sim.exec(`kubectl exec probe -- ping -c 1 -M do -s 1472 ${NODE_2}`);
    const inPod = await sim.exec(`kubectl exec probe -- ip route get ${NODE_2}`);
    expect(inPod.stdout).toMatch(/^172\.18\.0\.4 via 169\.254\.1\.1 dev eth0 src 10\.244\.\d+\.\d+ uid 0 \n {4}cache expires 600sec mtu 1400 \n$/);
    // The container's /proc/sys is read-only: iproute2 6.1 reports it and exits 0, nothing is flushed.
    const podFlush = await sim.exec('kubectl exec probe -- ip route flush cache');
    expect(podFlush.stderr).toBe('Cannot open "/proc/sys/net/ipv4/route/flush": Read-only file system\n');
    expect(podFlush.exitCode).toBe(0);
    expect((await sim.exec(`kubectl exec probe -- ip route get ${NODE_2}`)).stdout).toContain('mtu 1400');
    expect((await sim.exec('ssh node-1 ip route flush cache')).stdout).toBe('');
    expect((await sim.exec(`ssh node-1 ip route get ${NODE_2}`)).stdout).toBe(BARE);
    expect((await sim.exec(`kubectl exec probe -- ip route get ${NODE_2}`)).stdout).toContain('cache expires 600sec mtu 1400 ');
  });

  it('a pod that served a large response across the interconnect keeps what its segments learned', async () => {
    const sim = cluster();
    await sim.exec(`kubectl run web --image=kennethreitz/httpbin --overrides='{"spec":{"nodeName":"node-2"}}'`);
    await sim.exec(`kubectl run client --image=nicolaka/netshoot --overrides='{"spec":{"nodeName":"node-1"}}' -- sleep 3600`);
    settle(sim);
    const ipOf = (name: string) => sim.cluster.get('pods', 'default', name)!.status.podIP!;
    const learned = () => sim.network.world().pmtu?.lookup('pod/default/web', ipOf('client'), sim.now());
    expect(learned()).toBeUndefined();
    const r = await sim.exec(`kubectl exec client -- curl -sS -o /dev/null -w '%{size_download}' http://${ipOf('web')}/bytes/20000`);
    expect(r.stdout, r.combined).toBe('20000');
    expect(learned()?.mtu).toBe(1400);
    // The client only received: nothing was learned on its side.
    expect((await sim.exec(`kubectl exec client -- ip route get ${ipOf('web')}`)).stdout).toMatch(/ uid 0 \n {4}cache \n$/);
  });

  it('prints `mtu lock 552` for a next-hop MTU under min_pmtu, and no cache line in BusyBox', async () => {
    const sim = createSimulation({ seed: 1, topology: { cni: 'calico', proxyMode: 'iptables' } });
    settle(sim);
    const dp = buildDataplane(sim.cluster, dataplaneOptionsFor({ cni: 'calico', proxyMode: 'iptables' }));
    const ns = dp.nodes['node-1'];
    const pmtu = new PmtuCache();
    pmtu.learn(ns.id, '172.18.0.4', 296, 0);
    const base = fixedSession(dp, ns, 'calico');
    const session = { ...base, network: () => ({ ...base.network(), pmtu, nowMs: 1_500 }) };
    expect((await runIn(ip, ['route', 'get', '172.18.0.4'], session)).stdout).toBe('172.18.0.4 dev eth0 src 172.18.0.3 uid 0 \n    cache expires 598sec mtu lock 552 \n');
    expect((await runIn(busyboxIp, ['route', 'get', '172.18.0.4'], session)).stdout).toBe('172.18.0.4 dev eth0 src 172.18.0.3\n');
  });
});
